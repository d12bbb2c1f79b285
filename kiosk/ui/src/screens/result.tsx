// The outcome, plainly: done (with what went where and the receipt), or what failed and whether money moved.
import { formatMoney } from '../format';
import { useT } from '../i18n';
import { AlertIcon, CheckIcon } from '../components/icons';
import { Lines } from '../components/lines';
import type { Send, ViewOf } from './screen-types';

export function ResultScreen({ view, send }: { view: ViewOf<'result'>; send: Send }) {
  const { t, lang } = useT();
  const ok = view.outcome === 'completed';
  return (
    <section class={`screen result ${ok ? 'success' : 'failure'}`}>
      <div class="result-icon">{ok ? <CheckIcon /> : <AlertIcon />}</div>
      <h1 tabIndex={-1}>{t(`result.${view.outcome}.title`)}</h1>
      {ok && <p class="lead">{t('result.completed.body', { service: view.service.name[lang] })}</p>}
      {view.outcome === 'failed' && (
        <p class="lead">{t([`result.reason.${view.reason ?? 'default'}`, 'result.reason.default'])}</p>
      )}
      {!ok && view.outcome !== 'failed' && <p class="lead">{t(`result.${view.outcome}.body`)}</p>}
      {ok && <Lines lines={view.lines} />}
      {ok && view.totalCents > 0 && <p>{t('result.paid', { amount: formatMoney(view.totalCents, lang) })}</p>}
      {view.deliveries.length > 1 && (
        <div class="deliveries">
          <h2>{t('result.deliveries')}</h2>
          <ul>
            {view.deliveries.map((d) => (
              <li key={d.ministry.en} class={d.status}>
                <span aria-hidden="true">{d.status === 'done' ? '✓ ' : '⏱ '}</span>
                {t(`result.delivery.${d.status}`, { ministry: upperFirst(d.ministry[lang]) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.receipt === 'printed' && <p class="receipt">{t('result.receiptPrinted')}</p>}
      {view.receipt === 'failed' && <p class="alert">{t('result.receiptFailed')}</p>}
      <p class="reference">
        <span>{t('result.reference')}</span> <span class="mono">{view.reference}</span>
      </p>
      <div class="actions">
        {view.receipt === 'failed' && (
          <button type="button" class="secondary" onClick={() => send({ type: 'reprint' })}>
            {t('result.reprint')}
          </button>
        )}
        {view.canRetry && (
          <button type="button" class="secondary" onClick={() => send({ type: 'retry' })}>
            {view.outcome === 'declined' ? t('result.retryCard') : t('result.retry')}
          </button>
        )}
        <button type="button" class="primary" onClick={() => send({ type: 'done' })}>
          {t('result.finish')}
        </button>
      </div>
    </section>
  );
}

/** "ministère des Transports" starts a line here: capitalised, as French does at the start of a sentence. */
function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
