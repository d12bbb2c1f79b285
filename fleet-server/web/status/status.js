// Fleet status page: asks for an API token once per browser session, then shows every kiosk's status,
// refreshed every 5 s, in English or French. Plain modules, no build step.
const STRINGS = {
  en: {
    title: 'Kiosk fleet status', skip: 'Skip to the kiosk list', tokenLabel: 'API token', signIn: 'Show the fleet',
    caption: 'Kiosks, those needing attention first', kiosk: 'Kiosk', site: 'Site', status: 'Status',
    lastHeartbeat: 'Last heartbeat', devices: 'Devices needing attention', other: 'Français', otherLang: 'fr',
    badToken: 'That token was refused. Check it and try again.', never: 'never',
    summary: (up, total, pct) => `${up} of ${total} kiosks operational (${pct})`,
    target: 'Contract target: 97 %', updated: (t) => `Updated ${t}`, none: 'none',
    statuses: { online: 'Online', offline: 'Offline', 'out-of-service': 'Out of service', maintenance: 'Maintenance' },
    deviceNames: { printer: 'printer', paymentTerminal: 'payment terminal', cardReader: 'card reader', touchScreen: 'touch screen' },
    ago: (s) => (s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`),
  },
  fr: {
    title: 'État du parc de guichets', skip: 'Aller à la liste des guichets', tokenLabel: 'Jeton d’accès', signIn: 'Afficher le parc',
    caption: 'Guichets, ceux qui demandent une intervention d’abord', kiosk: 'Guichet', site: 'Lieu', status: 'État',
    lastHeartbeat: 'Dernier signal', devices: 'Appareils à vérifier', other: 'English', otherLang: 'en',
    badToken: 'Ce jeton a été refusé. Vérifiez-le et réessayez.', never: 'jamais',
    summary: (up, total, pct) => `${up} guichets sur ${total} en service (${pct})`,
    target: 'Cible du contrat : 97 %', updated: (t) => `Mis à jour à ${t}`, none: 'aucun',
    statuses: { online: 'En service', offline: 'Hors ligne', 'out-of-service': 'Hors service', maintenance: 'Entretien' },
    deviceNames: { printer: 'imprimante', paymentTerminal: 'terminal de paiement', cardReader: 'lecteur de cartes', touchScreen: 'écran tactile' },
    ago: (s) => (s < 60 ? `il y a ${s} s` : s < 3600 ? `il y a ${Math.floor(s / 60)} min` : `il y a ${Math.floor(s / 3600)} h`),
  },
};
const ORDER = { offline: 0, 'out-of-service': 1, maintenance: 2, online: 3 };
let lang = new URLSearchParams(location.search).get('lang') === 'fr' ? 'fr' : 'en';
let timer;

const $ = (selector) => document.querySelector(selector);

function applyLanguage() {
  const t = STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = `Guichet — ${t.title}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n];
  $('#lang').textContent = t.other;
  $('#lang').lang = t.otherLang;
}

async function refresh() {
  const token = sessionStorage.getItem('guichet-token');
  if (!token) return showLogin();
  const res = await fetch('/api/v1/kiosks', { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) {
    sessionStorage.removeItem('guichet-token');
    return showLogin(STRINGS[lang].badToken);
  }
  render((await res.json()).kiosks);
}

function showLogin(message = '') {
  $('#fleet').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message;
  $('#token').focus();
}

function render(kiosks) {
  const t = STRINGS[lang];
  const fmt = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 });
  const up = kiosks.filter((k) => k.status === 'online').length;
  const fraction = kiosks.length ? up / kiosks.length : 0;
  $('#summary').textContent = `${t.summary(up, kiosks.length, fmt.format(fraction))} — ${t.target}`;
  $('#summary').classList.toggle('below', fraction < 0.97);
  $('#updated').textContent = t.updated(new Date().toLocaleTimeString(lang === 'fr' ? 'fr-CA' : 'en-CA'));
  const rows = [...kiosks].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.id.localeCompare(b.id));
  const body = $('#kiosks tbody');
  body.replaceChildren(
    ...rows.map((k) => {
      const tr = document.createElement('tr');
      const cells = [k.id, [k.siteName ?? k.siteId, k.city].filter(Boolean).join(', '), null, k.lastHeartbeatAt ? t.ago(Math.max(0, Math.round((Date.now() - Date.parse(k.lastHeartbeatAt)) / 1000))) : t.never];
      const attention = Object.entries(k.devices).filter(([, d]) => d.state !== 'ok').map(([name, d]) => `${t.deviceNames[name] ?? name}: ${d.code ?? d.state}`);
      cells.push(attention.join('; ') || t.none);
      cells.forEach((text, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row';
        if (text === null) {
          const badge = document.createElement('span');
          badge.className = `badge ${k.status}`;
          badge.textContent = t.statuses[k.status];
          td.append(badge);
        } else td.textContent = text;
        tr.append(td);
      });
      return tr;
    }),
  );
  $('#login').hidden = true;
  $('#fleet').hidden = false;
}

$('#login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('guichet-token', $('#token').value.trim());
  void refresh();
});
$('#lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'fr' : 'en';
  applyLanguage();
  void refresh();
});
applyLanguage();
void refresh();
clearInterval(timer);
timer = setInterval(() => void refresh(), 5000);
