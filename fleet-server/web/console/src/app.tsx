// The technician console: checks the session, signs in, opens the live feed, and shows one screen per hash
// route. The CSRF token lives in api-client's memory only; the one thing stored on the device is the language.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import { currentSession, signOut, type SessionUser } from './api/api-client';
import { fixedT, LangContext, preferredLang, rememberLang, type Lang } from './i18n';
import { openFeed, type LinkState } from './live/console-socket';
import { applyIncidentChanges, applyKioskChanges, applySla, fromSnapshot, type FleetState } from './live/fleet-state';
import { parseRoute, type Route } from './route';
import type { ConsoleIncident } from './live/console-types';
import { TopBar } from './components/top-bar';
import { SignInScreen } from './screens/sign-in';
import { FleetScreen } from './screens/fleet';
import { IncidentsScreen } from './screens/incidents';
import { KioskScreen } from './screens/kiosk';
import { MaintenanceScreen } from './screens/maintenance';
import { SlaScreen } from './screens/sla';

type Session =
  { state: 'checking' } | { state: 'signed-out'; error?: string } | { state: 'signed-in'; user: SessionUser };

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const [lang, setLang] = useState<Lang>(preferredLang);
  const t = useMemo(() => fixedT(lang), [lang]);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [fleet, setFleet] = useState<FleetState | null>(null);
  const [link, setLink] = useState<LinkState>('connecting');
  const route = useRoute();

  // <html lang> changes in the same frame as the words, so a screen reader never reads French with an English voice.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  useEffect(() => {
    currentSession().then(
      (user) => setSession(user ? { state: 'signed-in', user } : { state: 'signed-out' }),
      () => setSession({ state: 'signed-out', error: 'network' }),
    );
  }, []);

  const signedIn = session.state === 'signed-in';
  const [announcement, setAnnouncement] = useState('');
  // What the feed's handlers read when a push arrives (they live as long as the connection, not one render).
  const latest = useRef({ fleet, t });
  latest.current = { fleet, t };
  useEffect(() => {
    if (!signedIn) return;
    const feed = openFeed({
      snapshot: (s) => setFleet(fromSnapshot(s, Date.now())),
      kiosks: (c) => setFleet((f) => (f ? applyKioskChanges(f, c, Date.now()) : f)),
      incidents: (c) => {
        // New incidents are said aloud (politely) wherever the technician is in the console.
        const known = latest.current.fleet;
        const fresh = known
          ? c.changed.filter((i) => !known.incidents.has(i.incidentId) && i.state !== 'resolved')
          : [];
        if (known && fresh.length > 0) setAnnouncement(newIncidentsText(fresh, known, latest.current.t));
        setFleet((f) => (f ? applyIncidentChanges(f, c, Date.now()) : f));
      },
      sla: (s) => setFleet((f) => (f ? applySla(f, s, Date.now()) : f)),
      link: (state) => {
        setLink(state);
        // Refused: the session may have ended (expired, signed out elsewhere): back to the sign-in form, or, if it
        // is still good, connect again.
        if (state === 'refused')
          void currentSession().then(
            (user) => (user ? feed.reconnect() : setSession({ state: 'signed-out', error: 'expired' })),
            () => undefined,
          );
      },
    });
    return feed.close;
  }, [signedIn]);

  // A new screen: focus its heading, so a screen reader announces it and Tab starts from the top.
  const routeKey = JSON.stringify(route);
  useEffect(() => {
    if (signedIn) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [routeKey, signedIn]);

  const onSignedIn = useCallback((user: SessionUser) => {
    setFleet(null);
    setSession({ state: 'signed-in', user });
  }, []);
  const onSignOut = useCallback(() => {
    void signOut().finally(() => {
      setFleet(null);
      setSession({ state: 'signed-out' });
    });
  }, []);
  const toggleLang = useCallback(
    () =>
      setLang((l) => {
        const next = l === 'en' ? 'fr' : 'en';
        rememberLang(next);
        return next;
      }),
    [],
  );

  let body;
  if (session.state === 'checking') {
    body = (
      <main id="main" class="screen">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  } else if (session.state === 'signed-out') {
    body = <SignInScreen onSignedIn={onSignedIn} notice={session.error} onLanguage={toggleLang} />;
  } else {
    body = (
      <>
        <div class="sr-only" role="status" aria-live="polite">
          {announcement}
        </div>
        <TopBar
          user={session.user}
          link={link}
          fleet={fleet}
          route={route}
          onLanguage={toggleLang}
          onSignOut={onSignOut}
        />
        <main id="main" class="screen" data-screen={route.screen}>
          {fleet ? (
            renderScreen(route, fleet, session.user)
          ) : (
            <>
              <h1 tabIndex={-1}>{t('app.title')}</h1>
              <p role="status">{t('app.waitingForSnapshot')}</p>
            </>
          )}
        </main>
      </>
    );
  }

  return (
    <LangContext.Provider value={{ lang, t }}>
      <div class="console">
        <a class="skip" href="#main" onClick={(e) => skipToMain(e)}>
          {t('app.skip')}
        </a>
        {body}
      </div>
    </LangContext.Provider>
  );
}

function newIncidentsText(fresh: ConsoleIncident[], fleet: FleetState, t: TFunction): string {
  return fresh
    .map((i) =>
      t('live.newIncident', {
        kiosk: i.kioskId,
        site: fleet.sites.get(i.siteId)?.name ?? i.siteId,
        what: i.components.map((c) => t(`component.${c}`, { defaultValue: c })).join(', '),
      }),
    )
    .join(' ');
}

/** The skip link moves focus without touching the hash (the hash is the route). */
function skipToMain(e: Event): void {
  e.preventDefault();
  document.querySelector<HTMLElement>('main h1')?.focus();
}

function renderScreen(route: Route, fleet: FleetState, user: SessionUser) {
  switch (route.screen) {
    case 'fleet':
      return <FleetScreen fleet={fleet} />;
    case 'incidents':
      return <IncidentsScreen fleet={fleet} user={user} />;
    case 'kiosk':
      return <KioskScreen key={route.kioskId} kioskId={route.kioskId} fleet={fleet} user={user} />;
    case 'maintenance':
      return <MaintenanceScreen key={route.kioskId ?? ''} kioskId={route.kioskId} fleet={fleet} />;
    case 'sla':
      return <SlaScreen fleet={fleet} />;
  }
}
