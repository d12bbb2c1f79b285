// The contract's live figure (operational fraction now against 97 %) and its trend over the month: a chart,
// with the same numbers in a table for screen readers and for anyone who would rather read them.
import { useT } from '../i18n';
import { formatDateTime, formatDay, formatNumber, formatPercent } from '../format';
import type { FleetState } from '../live/fleet-state';
import { TrendChart } from '../sla/trend-chart';

export function SlaScreen({ fleet }: { fleet: FleetState }) {
  const { t, lang } = useT();
  const { sla } = fleet;
  const met = sla.operationalFraction === null ? null : sla.operationalFraction >= sla.threshold;
  return (
    <>
      <h1 tabIndex={-1}>{t('sla.title')}</h1>
      <section class={`figure panel ${met === false ? 'below' : met ? 'met' : ''}`} aria-labelledby="figure-heading">
        <h2 id="figure-heading">{t('sla.now')}</h2>
        <p class="big-figure" data-figure={sla.operationalFraction ?? ''}>
          {formatPercent(sla.operationalFraction, lang)}
        </p>
        <p class="figure-verdict">
          {met === null
            ? t('sla.noService')
            : t(met ? 'sla.met' : 'sla.below', { threshold: formatPercent(sla.threshold, lang, 0) })}
        </p>
        <p>
          {t('sla.kiosksUp', {
            up: formatNumber(sla.upKiosks, lang),
            scheduled: formatNumber(sla.scheduledKiosks, lang),
          })}
          {' · '}
          {t('sla.asOf', { at: formatDateTime(sla.at, lang) })}
        </p>
      </section>
      <section class="panel" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t('sla.trend')}</h2>
        {sla.trend.length === 0 ? (
          <p class="muted">{t('sla.noTrend')}</p>
        ) : (
          <>
            <ul class="legend" aria-hidden="true">
              <li>
                <span class="swatch line" /> {t('sla.daily')}
              </li>
              <li>
                <span class="swatch dashed" /> {t('sla.threshold')} ({formatPercent(sla.threshold, lang, 0)})
              </li>
            </ul>
            <TrendChart sla={sla} />
            <details class="table-alt">
              <summary>{t('sla.table')}</summary>
              <table class="data">
                <caption>{t('sla.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sla.day')}</th>
                    <th scope="col">{t('sla.daily')}</th>
                    <th scope="col">{t('sla.verdict')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sla.trend.map((p) => (
                    <tr key={p.day}>
                      <th scope="row">{formatDay(p.day, lang)}</th>
                      <td>{formatPercent(p.minOperationalFraction, lang)}</td>
                      <td>
                        {p.minOperationalFraction === null
                          ? t('sla.noService')
                          : p.minOperationalFraction >= sla.threshold
                            ? t('sla.dayMet')
                            : t('sla.dayBelow')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </>
  );
}
