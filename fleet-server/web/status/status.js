// Fleet status page: a person signs in (a session cookie, HttpOnly: no token in the page or its storage), then shows the contract's live
// figure (GET /api/v1/sla/now: kiosks operational among those scheduled now) and every kiosk's status with
// its two-hour repair clock, refreshed every 5 s, in English or French. Plain modules, no build step.
const STRINGS = {
  en: {
    title: 'Kiosk fleet status',
    skip: 'Skip to the kiosk list',
    usernameLabel: 'User name',
    passwordLabel: 'Password',
    signIn: 'Show the fleet',
    caption: 'Kiosks, those needing attention first',
    kiosk: 'Kiosk',
    site: 'Site',
    status: 'Status',
    lastHeartbeat: 'Last heartbeat',
    devices: 'Devices needing attention',
    other: 'Français',
    otherLang: 'fr',
    badSignIn: 'Wrong user name or password. Check them and try again.',
    throttled: 'Too many attempts: wait a few minutes and try again.',
    never: 'never',
    summary: (up, total, pct) => `${up} of ${total} kiosks scheduled now are operational (${pct})`,
    noneScheduled: 'No kiosk is scheduled now: every site is closed.',
    online: (up, total) => `${up} of ${total} kiosks online.`,
    target: 'Contract target: 97 %',
    updated: (t) => `Updated ${t}`,
    storageFailing: (since, code) =>
      `The fleet server cannot write its database since ${since} (${code}): new state is kept in memory and retried.`,
    none: 'none',
    repair: 'Repair clock',
    left: (d) => `${d} left`,
    overdue: (d) => `overdue by ${d}`,
    statuses: { online: 'Online', offline: 'Offline', 'out-of-service': 'Out of service', maintenance: 'Maintenance' },
    deviceNames: {
      printer: 'printer',
      paymentTerminal: 'payment terminal',
      cardReader: 'card reader',
      idScanner: 'licence barcode imager',
      touchScreen: 'touch screen',
    },
    ago: (s) => (s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`),
  },
  fr: {
    title: 'État du parc de guichets',
    skip: 'Aller à la liste des guichets',
    usernameLabel: 'Nom d’utilisateur',
    passwordLabel: 'Mot de passe',
    signIn: 'Afficher le parc',
    caption: 'Guichets, ceux qui demandent une intervention d’abord',
    kiosk: 'Guichet',
    site: 'Lieu',
    status: 'État',
    lastHeartbeat: 'Dernier signal',
    devices: 'Appareils à vérifier',
    other: 'English',
    otherLang: 'en',
    badSignIn: 'Nom d’utilisateur ou mot de passe incorrect. Vérifiez-les et réessayez.',
    throttled: 'Trop de tentatives : attendez quelques minutes et réessayez.',
    never: 'jamais',
    summary: (up, total, pct) => `${up} des ${total} guichets prévus en ce moment sont en service (${pct})`,
    noneScheduled: 'Aucun guichet n’est prévu en ce moment : tous les lieux sont fermés.',
    online: (up, total) => `${up} guichets sur ${total} en ligne.`,
    target: 'Cible du contrat : 97 %',
    updated: (t) => `Mis à jour à ${t}`,
    storageFailing: (since, code) =>
      `Le serveur du parc ne peut plus écrire sa base de données depuis ${since} (${code}) : le nouvel état est gardé en mémoire et réessayé.`,
    none: 'aucun',
    repair: 'Délai de réparation',
    left: (d) => `reste ${d}`,
    overdue: (d) => `dépassé de ${d}`,
    statuses: {
      online: 'En service',
      offline: 'Hors ligne',
      'out-of-service': 'Hors service',
      maintenance: 'Entretien',
    },
    deviceNames: {
      printer: 'imprimante',
      paymentTerminal: 'terminal de paiement',
      cardReader: 'lecteur de cartes',
      idScanner: 'lecteur de codes-barres des permis',
      touchScreen: 'écran tactile',
    },
    ago: (s) =>
      s < 60 ? `il y a ${s} s` : s < 3600 ? `il y a ${Math.floor(s / 60)} min` : `il y a ${Math.floor(s / 3600)} h`,
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
  // The session cookie goes with every same-origin request.
  const [kiosks, now, health] = await Promise.all([
    fetch('/api/v1/kiosks'),
    fetch('/api/v1/sla/now'),
    fetch('/healthz').then(
      (res) => (res.ok ? res.json() : {}),
      () => ({}),
    ),
  ]);
  if (kiosks.status === 401 || now.status === 401) return showLogin();
  render((await kiosks.json()).kiosks, await now.json());
  renderStorage(health);
}

/** /healthz's `storage`: a banner while the server cannot write its database, none otherwise. */
function renderStorage(health) {
  const failing = health.storage === 'failing';
  $('#storage').hidden = !failing;
  $('#storage').textContent = failing
    ? STRINGS[lang].storageFailing(
        new Date(health.since).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA'),
        health.code,
      )
    : '';
}

function duration(seconds) {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  return minutes >= 60
    ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
    : `${minutes} min`;
}

function showLogin(message = '') {
  $('#fleet').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message;
  $('#username').focus();
}

function render(kiosks, live) {
  const t = STRINGS[lang];
  const fmt = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 });
  const online = kiosks.filter((k) => k.status === 'online').length;
  $('#summary').textContent =
    live.operationalFraction === null
      ? t.noneScheduled
      : `${t.summary(live.upKiosks, live.scheduledKiosks, fmt.format(live.operationalFraction))} — ${t.target}`;
  $('#summary').classList.toggle('below', live.compliant === false);
  $('#updated').textContent =
    `${t.online(online, kiosks.length)} ${t.updated(new Date().toLocaleTimeString(lang === 'fr' ? 'fr-CA' : 'en-CA'))}`;
  const clocks = new Map(live.openIncidents.map((i) => [i.kioskId, i]));
  const rows = [...kiosks].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.id.localeCompare(b.id));
  const body = $('#kiosks tbody');
  body.replaceChildren(
    ...rows.map((k) => {
      const tr = document.createElement('tr');
      const cells = [
        k.id,
        [k.siteName ?? k.siteId, k.city].filter(Boolean).join(', '),
        null,
        k.lastHeartbeatAt
          ? t.ago(Math.max(0, Math.round((Date.now() - Date.parse(k.lastHeartbeatAt)) / 1000)))
          : t.never,
      ];
      const attention = Object.entries(k.devices)
        .filter(([, d]) => d.state !== 'ok')
        .map(([name, d]) => `${t.deviceNames[name] ?? name}: ${d.code ?? d.state}`);
      cells.push(attention.join('; ') || t.none);
      const incident = clocks.get(k.id);
      cells.push(
        !incident
          ? '—'
          : incident.repairSecondsLeft > 0
            ? t.left(duration(incident.repairSecondsLeft))
            : t.overdue(duration(incident.repairSecondsUsed - live.thresholds.repairMinutes * 60)),
      );
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
  void signIn($('#username').value.trim(), $('#password').value);
});

async function signIn(username, password) {
  const res = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  $('#password').value = '';
  if (res.status === 429) return showLogin(STRINGS[lang].throttled);
  if (!res.ok) return showLogin(STRINGS[lang].badSignIn);
  await refresh();
}
$('#lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'fr' : 'en';
  applyLanguage();
  void refresh();
});
applyLanguage();
void refresh();
clearInterval(timer);
timer = setInterval(() => void refresh(), 5000);
