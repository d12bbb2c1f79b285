// The end: thanks, and a way to start over at once.
import { useT } from '../i18n';
import { CheckIcon } from '../components/icons';
import type { Send } from './screen-types';

export function ThanksScreen({ send }: { send: Send }) {
  const { t } = useT();
  return (
    <section class="screen thanks">
      <div class="result-icon">
        <CheckIcon />
      </div>
      <h1 tabIndex={-1}>{t('thanks.title')}</h1>
      <p class="lead">{t('thanks.body')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => send({ type: 'done' })}>
          {t('thanks.again')}
        </button>
      </div>
    </section>
  );
}
