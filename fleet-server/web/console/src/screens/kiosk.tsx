// One kiosk: its devices (paper, card reader, payment terminal, network), software version, open faults and
// incidents live from the feed; maintenance windows, recent events and transaction counts from
// GET /api/v1/kiosks/:id — whatever that answer holds —, recent events otherwise from the fleet event log export;
// what no route gives is said to be unavailable (no personal data here).
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, apiText, ApiError, type SessionUser } from '../api/api-client';
import { useT } from '../i18n';
import { formatDateTime, formatNumber } from '../format';
import { useNow } from '../components/use-now';
import type { FleetState } from '../live/fleet-state';
import type { ConsoleKiosk, DeviceKind } from '../live/console-types';
import { clockText } from '../incidents/clock-text';
import { EVENT_DAYS, recentEventsFromLog, type KioskEvent } from '../kiosk/recent-events';
import { href } from '../route';
import { KioskCommands } from '../kiosk/kiosk-commands';

/** Who may send remote commands (the fleet API's own rule: analysts only read). */
const COMMANDERS = new Set(['admin', 'technician']);

/** The order the page lists a kiosk's transaction outcomes in. */
const TX_OUTCOMES = ['committed', 'cancelled', 'refused', 'inProgress'] as const;

export interface MaintenanceWindowView {
  maintenanceId: string;
  kioskId: string;
  start: string;
  end: string | null;
  reason: string | null;
  plannedBy: string | null;
  cancelledBy: string | null;
}

/** GET /api/v1/kiosks/:id: the kiosk and its windows; recent events and transaction counts when the server has them. */
export interface KioskDetails {
  kiosk: ConsoleKiosk & { siteName?: string | null; city?: string | null };
  maintenance: MaintenanceWindowView[];
  recentEvents?: KioskEvent[];
  /** The hub's transactions of the last `days` days, by outcome (fleet-server/src/telemetry/kiosk-activity.ts). */
  transactions?: { days: number; committed: number; cancelled: number; refused: number; inProgress: number };
}

type Load = { state: 'loading' } | { state: 'loaded'; details: KioskDetails } | { state: 'failed'; code: string };

function useRecentEvents(kioskId: string, details: KioskDetails | undefined, version: string): KioskEvent[] | null {
  const [events, setEvents] = useState<KioskEvent[] | null>(null);
  const fromDetails = details?.recentEvents;
  useEffect(() => {
    if (!details || fromDetails) return;
    let live = true;
    const to = new Date();
    const from = new Date(to.getTime() - EVENT_DAYS * 86_400_000);
    apiText(
      `/sla/events?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
    ).then(
      (text) => live && setEvents(recentEventsFromLog(text, kioskId)),
      () => live && setEvents(null),
    );
    return () => {
      live = false;
    };
  }, [kioskId, details, fromDetails, version]);
  return fromDetails ?? events;
}

export function useKioskDetails(kioskId: string, version: string): Load {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api<KioskDetails>('GET', `/kiosks/${encodeURIComponent(kioskId)}`).then(
      (details) => live && setLoad({ state: 'loaded', details }),
      (error: unknown) =>
        live && setLoad({ state: 'failed', code: error instanceof ApiError ? error.code : 'NETWORK' }),
    );
    return () => {
      live = false;
    };
  }, [kioskId, version]);
  return load;
}

const DEVICES: { kind: DeviceKind; label: string }[] = [
  { kind: 'printer', label: 'device.printer' },
  { kind: 'cardReader', label: 'device.cardReader' },
  { kind: 'paymentTerminal', label: 'device.paymentTerminal' },
  { kind: 'idScanner', label: 'device.idScanner' },
  { kind: 'touchScreen', label: 'device.touchScreen' },
];

export function KioskScreen({ kioskId, fleet, user }: { kioskId: string; fleet: FleetState; user: SessionUser }) {
  const { t, lang } = useT();
  const serverNow = useNow() - fleet.serverOffsetMs;
  const live = fleet.kiosks.get(kioskId);
  // Re-read the details when the kiosk's status or faults change (a fault, a window starting), not on every push.
  const liveKey = live ? `${live.status}|${live.openFaults.map((f) => f.faultId).join()}` : '';
  const load = useKioskDetails(kioskId, liveKey);
  const details = load.state === 'loaded' ? load.details : undefined;
  const events = useRecentEvents(kioskId, details, liveKey);
  const kiosk = live ?? details?.kiosk;

  if (!kiosk) {
    return (
      <>
        <h1 tabIndex={-1}>{t('kiosk.title', { id: kioskId })}</h1>
        <p role="status">{load.state === 'loading' ? t('app.loading') : t('kiosk.unknown')}</p>
        <p>
          <a href={href.fleet}>{t('kiosk.back')}</a>
        </p>
      </>
    );
  }
  const site = fleet.sites.get(kiosk.siteId);
  const incidents = [...fleet.incidents.values()].filter((i) => i.kioskId === kioskId && i.state !== 'resolved');
  const network = kiosk.status === 'offline' ? 'offline' : 'ok';

  return (
    <>
      <p class="breadcrumb">
        <a href={href.fleet}>{t('kiosk.back')}</a>
      </p>
      <h1 tabIndex={-1}>{t('kiosk.title', { id: kiosk.id })}</h1>
      <p class="lead">
        <span class={`badge status-${kiosk.status}`}>{t(`kioskStatus.${kiosk.status}`)}</span>{' '}
        {site?.name ?? kiosk.siteId}
        {site?.city ? `, ${site.city}` : ''}
      </p>
      <div class="kiosk-grid">
        <section aria-labelledby="devices-heading" class="panel">
          <h2 id="devices-heading">{t('kiosk.devices')}</h2>
          <dl class="devices">
            <div data-device="network">
              <dt>{t('device.network')}</dt>
              <dd class={`state-${network}`}>
                {t(`deviceState.${network}`)}
                <span class="detail">{t('kiosk.lastHeard', { at: formatDateTime(kiosk.lastHeartbeatAt, lang) })}</span>
              </dd>
            </div>
            {DEVICES.filter((d) => d.kind in kiosk.devices || d.kind !== 'idScanner').map(({ kind, label }) => {
              const status = kiosk.devices[kind];
              return (
                <div key={kind} data-device={kind}>
                  <dt>{t(label)}</dt>
                  <dd class={`state-${status?.state ?? 'unknown'}`}>
                    {status ? t(`deviceState.${status.state}`) : t('deviceState.unknown')}
                    {status?.code && (
                      <span class="detail">{t(`deviceCode.${status.code}`, { defaultValue: status.code })}</span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
        <section aria-labelledby="software-heading" class="panel">
          <h2 id="software-heading">{t('kiosk.software')}</h2>
          <dl class="facts">
            <dt>{t('kiosk.version')}</dt>
            <dd>{kiosk.softwareVersion ?? t('kiosk.unknownValue')}</dd>
            <dt>{t('kiosk.openFaults')}</dt>
            <dd>
              {kiosk.openFaults.length === 0
                ? t('kiosk.noFaults')
                : kiosk.openFaults.map((f) => t(`component.${f.component}`, { defaultValue: f.component })).join(', ')}
            </dd>
            {incidents.map((i) => (
              <Fragment key={i.incidentId}>
                <dt>{t('kiosk.repairClock')}</dt>
                <dd>
                  <a href={href.incidents}>{clockText(i, serverNow, t, kiosk.status === 'maintenance')}</a>
                </dd>
              </Fragment>
            ))}
          </dl>
        </section>
        <section aria-labelledby="tx-heading" class="panel">
          <h2 id="tx-heading">{t('kiosk.transactions')}</h2>
          {details?.transactions ? (
            <dl class="facts" aria-describedby="tx-period">
              {TX_OUTCOMES.map((outcome) => [outcome, details.transactions![outcome]] as const).map(([outcome, n]) => (
                <Fragment key={outcome}>
                  <dt>{t(`outcome.${outcome}`, { defaultValue: outcome })}</dt>
                  <dd>{formatNumber(n, lang)}</dd>
                </Fragment>
              ))}
            </dl>
          ) : null}
          {details?.transactions ? (
            <p id="tx-period" class="muted">
              {t('kiosk.transactionsPeriod', { days: details.transactions.days })}
            </p>
          ) : (
            <p class="muted">{load.state === 'loading' ? t('app.loading') : t('kiosk.notAvailable')}</p>
          )}
        </section>
        <section aria-labelledby="maintenance-heading" class="panel">
          <h2 id="maintenance-heading">{t('kiosk.maintenance')}</h2>
          {details && details.maintenance.length > 0 ? (
            <ul class="plain">
              {details.maintenance.map((w) => (
                <li key={w.maintenanceId}>
                  {formatDateTime(w.start, lang)} – {formatDateTime(w.end, lang)}
                  {w.reason ? ` · ${w.reason}` : ''}
                  {w.cancelledBy ? ` · ${t('maintenance.cancelled')}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{load.state === 'loading' ? t('app.loading') : t('kiosk.noMaintenance')}</p>
          )}
          <p>
            <a class="button-link" href={href.maintenance(kiosk.id)}>
              {t('kiosk.planMaintenance')}
            </a>
          </p>
        </section>
        <section aria-labelledby="events-heading" class="panel wide">
          <h2 id="events-heading">{t('kiosk.events')}</h2>
          {events && events.length > 0 ? (
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('kiosk.eventAt')}</th>
                  <th scope="col">{t('kiosk.eventType')}</th>
                  <th scope="col">{t('kiosk.eventDetail')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e, n) => (
                  <tr key={n}>
                    <td>{formatDateTime(e.at, lang)}</td>
                    <td>{t(`eventType.${e.type}`, { defaultValue: e.type })}</td>
                    <td>
                      {[
                        e.component ? t(`component.${e.component}`, { defaultValue: e.component }) : '',
                        e.detail ? t(`deviceCode.${e.detail}`, { defaultValue: e.detail }) : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">
              {load.state === 'loading' ? t('app.loading') : events ? t('kiosk.noEvents') : t('kiosk.notAvailable')}
            </p>
          )}
        </section>
        {COMMANDERS.has(user.role) && (
          <KioskCommands kioskId={kiosk.id} outOfService={kiosk.status === 'out-of-service'} />
        )}
      </div>
    </>
  );
}
