// Planned maintenance: pick a kiosk, plan a window (POST /api/v1/kiosks/:id/maintenance {start, end, reason}),
// see its windows and cancel one (DELETE …/maintenance/:maintenanceId). The repair clock stops inside a window.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/api-client';
import { useT } from '../i18n';
import { formatDateTime } from '../format';
import type { FleetState } from '../live/fleet-state';
import { href } from '../route';
import { maintenanceRefusal, type RefusalContext } from '../maintenance/maintenance-refusal';
import { useKioskDetails, type MaintenanceWindowView } from './kiosk';

/** A datetime-local value (the browser's local time) for a Date. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function nextHour(): Date {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}

export function MaintenanceScreen({ kioskId, fleet }: { kioskId?: string; fleet: FleetState }) {
  const { t } = useT();
  const [kioskInput, setKioskInput] = useState(kioskId ?? '');
  const choose = (e: Event) => {
    e.preventDefault();
    const id = kioskInput.trim();
    if (id) location.hash = href.maintenance(id);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('maintenance.title')}</h1>
      <p class="lead">{t('maintenance.intro')}</p>
      <form class="inline-form kiosk-pick" onSubmit={choose}>
        <label for="maintenance-kiosk">{t('maintenance.kiosk')}</label>
        <div class="row">
          <input
            id="maintenance-kiosk"
            value={kioskInput}
            autoCapitalize="characters"
            spellcheck={false}
            onInput={(e) => setKioskInput(e.currentTarget.value)}
          />
          <button type="submit">{t('maintenance.open')}</button>
        </div>
      </form>
      {kioskId &&
        (fleet.kiosks.has(kioskId) ? (
          <KioskMaintenance kioskId={kioskId} />
        ) : (
          <p class="error" role="alert">
            {t('maintenance.unknownKiosk', { id: kioskId })}
          </p>
        ))}
    </>
  );
}

function KioskMaintenance({ kioskId }: { kioskId: string }) {
  const { t, lang } = useT();
  const [reloads, setReloads] = useState(0);
  const load = useKioskDetails(kioskId, String(reloads));
  const [start, setStart] = useState(() => localInput(nextHour()));
  const [end, setEnd] = useState(() => localInput(new Date(nextHour().getTime() + 2 * 3600_000)));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const failure = (error: unknown, context: RefusalContext) =>
    setResult({
      kind: 'error',
      text: error instanceof ApiError ? maintenanceRefusal(error, context, t, lang) : t('maintenance.failed'),
    });

  const plan = async (e: Event) => {
    e.preventDefault();
    const s = new Date(start);
    const en = new Date(end);
    if (!reason.trim() || Number.isNaN(s.getTime()) || Number.isNaN(en.getTime()))
      return setResult({ kind: 'error', text: t('maintenance.incomplete') });
    if (en <= s) return setResult({ kind: 'error', text: t('maintenance.endBeforeStart') });
    setBusy(true);
    setResult(null);
    try {
      await api('POST', `/kiosks/${encodeURIComponent(kioskId)}/maintenance`, {
        start: s.toISOString(),
        end: en.toISOString(),
        reason: reason.trim(),
      });
      setResult({ kind: 'ok', text: t('maintenance.planned') });
      setReason('');
      setReloads((n) => n + 1);
    } catch (error) {
      failure(error, { kioskId, start: s, end: en });
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (w: MaintenanceWindowView) => {
    setBusy(true);
    setResult(null);
    try {
      await api('DELETE', `/kiosks/${encodeURIComponent(kioskId)}/maintenance/${encodeURIComponent(w.maintenanceId)}`);
      setResult({ kind: 'ok', text: t('maintenance.cancelledOne') });
      setReloads((n) => n + 1);
    } catch (error) {
      failure(error, { kioskId, start: w.start, end: w.end ?? undefined });
    } finally {
      setBusy(false);
    }
  };

  const windows = load.state === 'loaded' ? load.details.maintenance : [];
  return (
    <div class="maintenance-layout">
      <section class="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('maintenance.planFor', { id: kioskId })}</h2>
        <form class="stack-form" onSubmit={(e) => void plan(e)} noValidate>
          <label for="mw-start">{t('maintenance.start')}</label>
          <input id="mw-start" type="datetime-local" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
          <label for="mw-end">{t('maintenance.end')}</label>
          <input id="mw-end" type="datetime-local" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
          <label for="mw-reason">{t('maintenance.reason')}</label>
          <input id="mw-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy}>
            {t('maintenance.plan')}
          </button>
        </form>
        <p class="action-result ok" role="status">
          {result?.kind === 'ok' ? result.text : ''}
        </p>
        <p class="action-result error" role="alert">
          {result?.kind === 'error' ? result.text : ''}
        </p>
      </section>
      <section class="panel" aria-labelledby="windows-heading">
        <h2 id="windows-heading">{t('maintenance.windows')}</h2>
        {load.state === 'loading' && <p role="status">{t('app.loading')}</p>}
        {load.state === 'failed' && <p class="error">{t('maintenance.loadFailed')}</p>}
        {load.state === 'loaded' && windows.length === 0 && <p class="muted">{t('kiosk.noMaintenance')}</p>}
        <ul class="windows">
          {windows.map((w) => (
            <li key={w.maintenanceId} data-window={w.maintenanceId}>
              <span>
                {formatDateTime(w.start, lang)} – {formatDateTime(w.end, lang)}
                {w.reason ? ` · ${w.reason}` : ''}
                {w.plannedBy ? ` · ${t('maintenance.by', { who: w.plannedBy })}` : ''}
              </span>
              {w.cancelledBy ? (
                <span class="badge">{t('maintenance.cancelled')}</span>
              ) : (
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  aria-label={t('maintenance.cancelLabel', { start: formatDateTime(w.start, lang) })}
                  onClick={() => void cancel(w)}
                >
                  {t('maintenance.cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
