// The technician console: checks the session, signs in, opens the live feed, and shows one screen per hash
// route. The CSRF token lives in api-client's memory only; the one thing stored on the device is the language.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { currentSession, signOut, type SessionUser } from './api/api-client';
import { fixedT, LangContext, preferredLang, rememberLang, type Lang } from './i18n';
import { openFeed, type LinkState } from './live/console-socket';
import { applyIncidentChanges, applyKioskChanges, applySla, fromSnapshot, type FleetState } from './live/fleet-state';
import { parseRoute, type Route } from './route';
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
  useEffect(() => {
    if (!signedIn) return;
    return openFeed({
      snapshot: (s) => setFleet(fromSnapshot(s, Date.now())),
      kiosks: (c) => setFleet((f) => (f ? applyKioskChanges(f, c, Date.now()) : f)),
      incidents: (c) => setFleet((f) => (f ? applyIncidentChanges(f, c, Date.now()) : f)),
      sla: (s) => setFleet((f) => (f ? applySla(f, s, Date.now()) : f)),
      link: (state) => {
        setLink(state);
        // Refused: the session ended (expired, signed out elsewhere): back to the sign-in form.
        if (state === 'refused')
          void currentSession().then((user) => {
            if (!user) setSession({ state: 'signed-out', error: 'expired' });
          });
      },
    });
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
      return <KioskScreen key={route.kioskId} kioskId={route.kioskId} fleet={fleet} />;
    case 'maintenance':
      return <MaintenanceScreen key={route.kioskId ?? ''} kioskId={route.kioskId} fleet={fleet} />;
    case 'sla':
      return <SlaScreen fleet={fleet} />;
  }
}
