// The main screen: the six services, each a big button named by the catalog's service name; one whose device
// is down says why and cannot be chosen, the others stay usable.
import { useT } from '../i18n';
import type { Send, ViewOf } from './screen-types';

export function ServicesScreen({ view, send }: { view: ViewOf<'services'>; send: Send }) {
  const { t, lang } = useT();
  return (
    <section class="screen services">
      <h1 tabIndex={-1}>{t('services.title')}</h1>
      <ul class="service-grid">
        {view.services.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              class={`service${s.available ? '' : ' unavailable'}`}
              aria-labelledby={`svc-${s.id}`}
              aria-describedby={`svc-${s.id}-desc`}
              aria-disabled={s.available ? undefined : 'true'}
              data-service={s.id}
              onClick={() => {
                if (s.available) send({ type: 'select-service', serviceId: s.id });
              }}
            >
              <span id={`svc-${s.id}`} class="service-name">
                {s.name[lang]}
              </span>
              <span id={`svc-${s.id}-desc`} class="service-desc">
                {s.available ? s.description[lang] : t(`services.unavailable.${s.unavailableReason ?? 'service'}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>
          {t('common.back')}
        </button>
      </div>
    </section>
  );
}
