// The citizen touch UI: renders the bridge's latest screen snapshot, sends the citizen's intents, and keeps
// only presentation state (which dialog is open). Language, display mode, progress and the idle countdown
// all come from the bridge; nothing is stored in the browser.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ScreenState, ScreenView, UiIntent } from '../../src/ui-bridge/screen-protocol';
import { connect, type Connection } from './connection';
import { fixedT, LangContext } from './i18n';
import { installKeypad } from './keypad';
import { HelpDialog, IdleDialog, Progress, TopBar } from './components/chrome';
import { AttractScreen } from './screens/attract';
import { ServicesScreen } from './screens/services';
import { DetailsScreen } from './screens/details';
import { QuoteScreen } from './screens/quote';
import { PaymentScreen } from './screens/payment';
import { WorkingScreen } from './screens/working';
import { ResultScreen } from './screens/result';
import { SurveyScreen } from './screens/survey';
import { ThanksScreen } from './screens/thanks';
import { OutOfServiceScreen } from './screens/out-of-service';

const ACTIVITY_EVERY_MS = 1000;

/** What identifies "a new screen" for focus and announcements (a new prompt or outcome counts). */
function screenKey(view: ScreenView): string {
  switch (view.screen) {
    case 'details':
    case 'quote':
    case 'working':
      return `${view.screen}:${view.service.id}:${view.screen === 'working' ? view.step : ''}`;
    case 'payment':
      return `payment:${view.prompt}`;
    case 'result':
      return `result:${view.outcome}:${view.receipt}`;
    default:
      return view.screen;
  }
}

export function App() {
  const [state, setState] = useState<ScreenState | null>(null);
  const [help, setHelp] = useState(false);
  const connection = useRef<Connection | null>(null);
  const latest = useRef<ScreenState | null>(null);
  latest.current = state;

  const send = (intent: UiIntent) => connection.current?.send(intent);

  useEffect(() => {
    connection.current = connect(setState);
    return () => connection.current?.close();
  }, []);

  // Any touch or key tells the bridge the citizen is still there (at most once a second).
  useEffect(() => {
    let last = 0;
    const activity = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      send({ type: 'input-activity' });
    };
    document.addEventListener('pointerdown', activity, true);
    document.addEventListener('keydown', activity, true);
    return () => {
      document.removeEventListener('pointerdown', activity, true);
      document.removeEventListener('keydown', activity, true);
    };
  }, []);

  const helpOpen = useRef(help);
  helpOpen.current = help;
  useEffect(
    () =>
      installKeypad({
        back: () => {
          if (helpOpen.current) return setHelp(false);
          if (latest.current?.idle) return send({ type: 'still-here' });
          const screen = latest.current?.view.screen;
          if (screen === 'payment' || screen === 'working' || screen === 'attract') return;
          if (screen === 'survey') return send({ type: 'skip-survey' });
          send({ type: 'back' });
        },
        help: () => setHelp((open) => !open),
        language: () => {
          const lang = latest.current?.lang === 'fr' ? 'en' : 'fr';
          send({ type: 'set-language', lang });
        },
        layer: () => document.querySelector<HTMLElement>('[data-layer]'),
      }),
    [],
  );

  const lang = state?.lang ?? 'en';
  const t = useMemo(() => fixedT(lang), [lang]);
  const key = state ? screenKey(state.view) : 'connecting';

  // Layout effect: <html lang> changes in the same frame as the words, so a screen reader never reads French text
  // with an English voice (and a test that sees the new words sees the new lang).
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  // Help is about one screen: a new screen closes it.
  useEffect(() => setHelp(false), [key]);

  // A new screen: focus its heading, so a screen reader reads it and the keypad starts from the top.
  useEffect(() => {
    if (help || state?.idle) return;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [key]);

  if (!state) {
    return (
      <div class="kiosk">
        <main class="screen connecting">
          <p class="lead" role="status">
            {t('app.reconnecting')}
          </p>
        </main>
      </div>
    );
  }

  const { view, display } = state;
  const dialogOpen = help || state.idle !== null;
  const classes = ['kiosk', display.largeText ? 'large-text' : '', display.highContrast ? 'high-contrast' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <LangContext.Provider value={{ lang, t }}>
      <div class={classes} data-screen={view.screen}>
        <div class="page" inert={dialogOpen}>
          <TopBar
            largeText={display.largeText}
            highContrast={display.highContrast}
            onLanguage={() => send({ type: 'set-language', lang: lang === 'fr' ? 'en' : 'fr' })}
            onLargeText={() => send({ type: 'set-display-mode', mode: { largeText: !display.largeText } })}
            onHighContrast={() => send({ type: 'set-display-mode', mode: { highContrast: !display.highContrast } })}
            onHelp={() => setHelp(true)}
          />
          {state.progress && <Progress progress={state.progress} />}
          <main id="main">{renderScreen(view, send)}</main>
        </div>
        <div class="sr-only" role="status" aria-live="polite">
          {announcement(view, t)}
        </div>
        {state.idle && <IdleDialog secondsLeft={state.idle.secondsLeft} onMore={() => send({ type: 'still-here' })} />}
        {help && !state.idle && <HelpDialog screen={view.screen} onClose={() => setHelp(false)} />}
      </div>
    </LangContext.Provider>
  );
}

function renderScreen(view: ScreenView, send: (intent: UiIntent) => void) {
  switch (view.screen) {
    case 'attract':
      return <AttractScreen send={send} />;
    case 'services':
      return <ServicesScreen view={view} send={send} />;
    case 'details':
      // A swipe or a return from the quote replaces the form's values: a new form for them.
      return <DetailsScreen key={`${view.service.id}:${view.valuesVersion}`} view={view} send={send} />;
    case 'quote':
      return <QuoteScreen view={view} send={send} />;
    case 'payment':
      return <PaymentScreen view={view} send={send} />;
    case 'working':
      return <WorkingScreen view={view} />;
    case 'result':
      return <ResultScreen view={view} send={send} />;
    case 'survey':
      return <SurveyScreen view={view} send={send} />;
    case 'thanks':
      return <ThanksScreen send={send} />;
    case 'out-of-service':
      return <OutOfServiceScreen view={view} />;
  }
}

/** The sentence a screen reader hears when the state changes without a new heading (prompts, outcomes). */
function announcement(view: ScreenView, t: ReturnType<typeof fixedT>): string {
  switch (view.screen) {
    case 'payment':
      return t(`payment.prompt.${view.prompt}`);
    case 'working':
      return t(`working.${view.step}`);
    case 'result':
      return view.receipt === 'failed'
        ? `${t(`result.${view.outcome}.title`)}. ${t('result.receiptFailed')}`
        : t(`result.${view.outcome}.title`);
    default:
      return '';
  }
}
