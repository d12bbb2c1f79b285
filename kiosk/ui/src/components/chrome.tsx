// What surrounds every screen: the top bar (language, large text, high contrast, help), the progress
// indicator, the "Need more time?" countdown and the help dialog.
import { useEffect, useRef } from 'preact/hooks';
import type { Progress as ProgressState, ScreenName } from '../../../src/ui-bridge/screen-protocol';
import { useT } from '../i18n';

export function TopBar(props: {
  largeText: boolean;
  highContrast: boolean;
  onLanguage: () => void;
  onLargeText: () => void;
  onHighContrast: () => void;
  onHelp: () => void;
}) {
  const { t } = useT();
  return (
    <header class="topbar">
      <span class="brand">{t('app.title')}</span>
      <div class="toolbar" role="group" aria-label={t('app.toolbar')}>
        <button type="button" class="tool" aria-pressed={props.largeText} onClick={props.onLargeText}>
          <span aria-hidden="true" class="tool-icon">
            A+
          </span>
          {t('display.largeText')}
        </button>
        <button type="button" class="tool" aria-pressed={props.highContrast} onClick={props.onHighContrast}>
          <span aria-hidden="true" class="tool-icon">
            ◐
          </span>
          {t('display.highContrast')}
        </button>
        <button type="button" class="tool" onClick={props.onHelp}>
          <span aria-hidden="true" class="tool-icon">
            ?
          </span>
          {t('help.button')}
        </button>
        <button type="button" class="tool tool-lang" lang={t('lang.switchLang')} onClick={props.onLanguage}>
          {t('lang.switch')}
        </button>
      </div>
    </header>
  );
}

export function Progress({ progress }: { progress: ProgressState }) {
  const { t } = useT();
  return (
    <nav class="progress" aria-label={t('progress.label')}>
      <p class="progress-count">
        {t('progress.step', { current: progress.current + 1, total: progress.steps.length })}
      </p>
      <ol>
        {progress.steps.map((step, i) => (
          <li
            key={step}
            class={i < progress.current ? 'past' : i === progress.current ? 'current' : 'future'}
            aria-current={i === progress.current ? 'step' : undefined}
          >
            <span class="dot" aria-hidden="true">
              {i < progress.current ? '✓' : i + 1}
            </span>
            {t(`progress.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function useDialogFocus() {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);
  return first;
}

export function IdleDialog({ secondsLeft, onMore }: { secondsLeft: number; onMore: () => void }) {
  const { t } = useT();
  const button = useDialogFocus();
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
        data-layer
      >
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body" class="countdown">
          {t('idle.body', { count: secondsLeft })}
        </p>
        <button ref={button} type="button" class="primary big" onClick={onMore}>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}

export function HelpDialog({ screen, onClose }: { screen: ScreenName; onClose: () => void }) {
  const { t } = useT();
  const button = useDialogFocus();
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-layer>
        <h2 id="help-title">{t('help.title')}</h2>
        <p>{t(`help.screen.${screen}`)}</p>
        <p class="muted">{t('help.keys')}</p>
        <button ref={button} type="button" class="primary big" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
