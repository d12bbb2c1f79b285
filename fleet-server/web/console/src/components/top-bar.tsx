// The console's header: the screens (with the count of open incidents), the live link's state in words, the
// language button (labelled in the language it switches to) and sign-out. On a phone: the name and live state, then who is signed in beside the two buttons, then the screens.
import type { SessionUser } from '../api/api-client';
import { useT } from '../i18n';
import type { LinkState } from '../live/console-socket';
import type { FleetState } from '../live/fleet-state';
import { href, type Route } from '../route';

export function LanguageButton({ onLanguage }: { onLanguage: () => void }) {
  const { t, lang } = useT();
  const other = lang === 'en' ? 'fr' : 'en';
  return (
    <button type="button" class="lang" lang={other} onClick={onLanguage}>
      {t('app.otherLanguage')}
    </button>
  );
}

export function TopBar(props: {
  user: SessionUser;
  link: LinkState;
  fleet: FleetState | null;
  route: Route;
  onLanguage: () => void;
  onSignOut: () => void;
}) {
  const { t } = useT();
  let open = 0;
  if (props.fleet) for (const i of props.fleet.incidents.values()) if (i.state !== 'resolved') open++;
  const current = props.route.screen;
  // A technician bound to a region sees only its kiosks: say so, so an empty map is not mistaken for a calm one.
  const region = props.fleet?.principal.region ?? props.user.region;
  const links: { key: string; to: string; label: string; active: boolean }[] = [
    { key: 'fleet', to: href.fleet, label: t('nav.fleet'), active: current === 'fleet' || current === 'kiosk' },
    {
      key: 'incidents',
      to: href.incidents,
      label: t('nav.incidents', { count: open }),
      active: current === 'incidents',
    },
    { key: 'maintenance', to: href.maintenance(), label: t('nav.maintenance'), active: current === 'maintenance' },
    { key: 'sla', to: href.sla, label: t('nav.sla'), active: current === 'sla' },
  ];
  return (
    <header class="top-bar">
      <div class="brand-row">
        <div class="brand-line">
          <span class="brand">{t('app.title')}</span>
          <span class={`link link-${props.link}`} role="status">
            {t(`link.${props.link}`)}
          </span>
        </div>
        <div class="session-line">
          <span class="who">
            {t('app.signedInAs', { user: props.user.username })}
            {region && ` · ${t('app.regionOnly', { region: t(`region.${region}`, { defaultValue: region }) })}`}
          </span>
          <span class="session-actions">
            <LanguageButton onLanguage={props.onLanguage} />
            <button type="button" class="secondary" onClick={props.onSignOut}>
              {t('app.signOut')}
            </button>
          </span>
        </div>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {links.map((l) => (
            <li key={l.key}>
              <a href={l.to} aria-current={l.active ? 'page' : undefined} data-nav={l.key}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
