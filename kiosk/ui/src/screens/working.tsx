// A short wait while the hub, the ministry or the printer works; nothing to do but read.
import { useT } from '../i18n';
import type { ViewOf } from './screen-types';

export function WorkingScreen({ view }: { view: ViewOf<'working'> }) {
  const { t, lang } = useT();
  return (
    <section class="screen working" aria-busy="true">
      <h1 tabIndex={-1}>{view.service.name[lang]}</h1>
      <div class="spinner" aria-hidden="true" />
      <p class="lead">{t(`working.${view.step}`)}</p>
    </section>
  );
}
