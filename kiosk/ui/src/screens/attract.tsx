// The attract screen: one huge target anywhere on the screen starts.
import { useT } from '../i18n';
import type { Send } from './screen-types';

export function AttractScreen({ send }: { send: Send }) {
  const { t } = useT();
  return (
    <section class="screen attract">
      <h1 tabIndex={-1}>{t('attract.title')}</h1>
      <p class="lead">{t('attract.body')}</p>
      <button type="button" class="primary start" onClick={() => send({ type: 'start' })}>
        {t('attract.start')}
      </button>
    </section>
  );
}
