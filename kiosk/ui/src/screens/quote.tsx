// The quote: the ministry's service price and the kiosk fee shown apart, the total, and one big Pay (or
// Confirm, for a free service). Amounts arrive from the bridge; the UI only formats them.
import { formatMoney } from '../format';
import { useT } from '../i18n';
import { Lines } from '../components/lines';
import type { Send, ViewOf } from './screen-types';

export function QuoteScreen({ view, send }: { view: ViewOf<'quote'>; send: Send }) {
  const { t, lang } = useT();
  const free = view.totalCents === 0;
  const money = (cents: number) => (cents === 0 ? t('quote.free') : formatMoney(cents, lang));
  return (
    <section class="screen quote">
      <h1 tabIndex={-1}>{t('quote.title')}</h1>
      <p class="lead">{view.service.name[lang]}</p>
      <Lines lines={view.lines} />
      <table class="amounts">
        <tbody>
          <tr>
            <th scope="row">{t('quote.servicePrice')}</th>
            <td class="amount">{money(view.serviceCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('quote.fee')}</th>
            <td class="amount">{money(view.feeCents)}</td>
          </tr>
          <tr class="total">
            <th scope="row">{t('quote.total')}</th>
            <td class="amount">{money(view.totalCents)}</td>
          </tr>
        </tbody>
      </table>
      {free && <p class="note">{t('quote.freeNote')}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>
          {t('quote.change')}
        </button>
        <button type="button" class="secondary" onClick={() => send({ type: 'cancel' })}>
          {t('common.cancel')}
        </button>
        <button type="button" class="primary" onClick={() => send({ type: 'confirm-quote' })}>
          {free ? t('quote.confirm') : t('quote.pay', { amount: formatMoney(view.totalCents, lang) })}
        </button>
      </div>
    </section>
  );
}
