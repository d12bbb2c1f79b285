// Payment: the terminal's prompt, in words and a picture pointing to the terminal below the screen. Cancel
// only before a card is presented; after that, the terminal is in charge.
import type { JSX } from 'preact';
import { formatMoney } from '../format';
import { ArrowDownIcon, CardIcon, HourglassIcon, PinIcon, RemoveCardIcon } from '../components/icons';
import { useT } from '../i18n';
import type { Send, ViewOf } from './screen-types';

const PICTOGRAMS: Record<ViewOf<'payment'>['prompt'], () => JSX.Element> = {
  'insert-or-tap': CardIcon,
  'enter-pin': PinIcon,
  processing: HourglassIcon,
  'remove-card': RemoveCardIcon,
};

export function PaymentScreen({ view, send }: { view: ViewOf<'payment'>; send: Send }) {
  const { t, lang } = useT();
  const Pictogram = PICTOGRAMS[view.prompt];
  return (
    <section class="screen payment">
      <h1 tabIndex={-1}>{t('payment.title')}</h1>
      <p class="lead">{t('payment.amount', { amount: formatMoney(view.totalCents, lang) })}</p>
      <div class="prompt" data-prompt={view.prompt}>
        <span class="pictogram">
          <Pictogram />
        </span>
        <p class="prompt-text">{t(`payment.prompt.${view.prompt}`)}</p>
        <span class="arrow-down">
          <ArrowDownIcon />
        </span>
      </div>
      {view.canCancel && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => send({ type: 'cancel' })}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
