// Out of service (by the fleet, or nothing works): where else to go, nearest first.
import { formatKm } from '../format';
import { useT } from '../i18n';
import { AlertIcon } from '../components/icons';
import type { ViewOf } from './screen-types';

export function OutOfServiceScreen({ view }: { view: ViewOf<'out-of-service'> }) {
  const { t, lang } = useT();
  const nearest = [...view.alternatives].sort((a, b) => a.distanceKm - b.distanceKm);
  return (
    <section class="screen out-of-service">
      <div class="result-icon">
        <AlertIcon />
      </div>
      <h1 tabIndex={-1}>{t('oos.title')}</h1>
      <p class="lead">{t('oos.body')}</p>
      <ul class="alternatives">
        {nearest.map((a) => (
          <li key={a.name.en}>
            <strong>{a.name[lang]}</strong>
            <span>{a.address}</span>
            <span>{t('oos.distance', { distance: formatKm(a.distanceKm, lang) })}</span>
          </li>
        ))}
      </ul>
      <p>{t('oos.online')}</p>
    </section>
  );
}
