// The month's trend as a chart (uPlot: small, fast, canvas): the lowest operational fraction of each service day
// against the contract's threshold. The canvas is one labelled image; the table beside it carries the numbers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { LOCALES } from '../i18n';
import { useT } from '../i18n';
import { formatDay } from '../format';
import type { ConsoleSla } from '../live/console-types';

export function TrendChart({ sla }: { sla: ConsoleSla }) {
  const { t, lang } = useT();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const days = sla.trend.map((p) => Date.parse(`${p.day}T12:00:00Z`) / 1000);
    const values = sla.trend.map((p) => (p.minOperationalFraction === null ? null : p.minOperationalFraction * 100));
    const threshold = sla.trend.map(() => sla.threshold * 100);
    const pct = new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1 });
    const lows = values.filter((v): v is number => v !== null);
    const low = Math.min(sla.threshold * 100 - 2, ...lows);
    const chart = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 260,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: [Math.floor(low), 100] } },
        axes: [
          {
            stroke: '#1a1a1a',
            grid: { stroke: '#d0d6de' },
            values: (_u, splits) => splits.map((s) => formatDay(new Date(s * 1000).toISOString().slice(0, 10), lang)),
          },
          {
            stroke: '#1a1a1a',
            grid: { stroke: '#d0d6de' },
            size: 56,
            values: (_u, splits) => splits.map((s) => pct.format(s / 100).replace(/[\u00a0\u202f]/g, ' ')),
          },
        ],
        series: [
          {},
          { label: t('sla.daily'), stroke: '#0b4f9c', width: 3, points: { show: true, size: 7, fill: '#0b4f9c' } },
          { label: t('sla.threshold'), stroke: '#a4001d', width: 2, dash: [8, 6], points: { show: false } },
        ],
      },
      [days, values, threshold],
      el,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [sla, lang, t]);

  return (
    <div
      class="chart"
      ref={box}
      role="img"
      aria-label={t('sla.chartLabel', { days: sla.trend.length })}
      data-points={sla.trend.length}
    />
  );
}
