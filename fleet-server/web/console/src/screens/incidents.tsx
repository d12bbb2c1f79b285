// The incident queue: breached first, then least time left on the two-hour repair clock, counting down here from
// the server's seconds-left (paused clocks say why). Acknowledge, assign, note and resolve call the REST API; the
// result arrives back over the live feed, and a refusal is said in words next to the incident. Incidents whose
// kiosk reports the device working again leave the live feed but still wait for a resolution note: they are listed
// below the queue from GET /incidents?status=repaired, read again whenever the feed's incidents change.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import type { TFunction } from 'i18next';
import { api, ApiError, type SessionUser } from '../api/api-client';
import { useT, type Lang } from '../i18n';
import { formatDateTime } from '../format';
import { clockText } from '../incidents/clock-text';
import { NOTE_MAX_LENGTH, notesOf, type IncidentHistoryEntry, type IncidentNote } from '../incidents/incident-notes';
import { repairedToConsole, type RepairedIncident } from '../incidents/repaired';
import { useNow } from '../components/use-now';
import type { FleetState } from '../live/fleet-state';
import type { ConsoleIncident, ConsoleSite } from '../live/console-types';
import { isBreached, repairQueue, secondsLeft } from '../live/repair-clock';
import { href } from '../route';

const PAGE = 50;

export function IncidentsScreen({ fleet, user }: { fleet: FleetState; user: SessionUser }) {
  const { t, lang } = useT();
  const serverNow = useNow() - fleet.serverOffsetMs;
  const queue = repairQueue(fleet.incidents.values(), serverNow);
  // The most urgent first, a page at a time: a fleet-wide outage must not make the queue unusable on a phone.
  const [limit, setLimit] = useState(PAGE);
  const shown = queue.slice(0, limit);
  const repaired = useRepaired(fleet);
  return (
    <>
      <h1 tabIndex={-1}>{t('incidents.title')}</h1>
      <p class="lead">{t('incidents.intro')}</p>
      {queue.length === 0 ? (
        <p class="empty-state">{t('incidents.none')}</p>
      ) : (
        <ol class="incident-queue">
          {shown.map((incident) => (
            <IncidentCard
              key={incident.incidentId}
              incident={incident}
              site={fleet.sites.get(incident.siteId)}
              clock={clockOf(incident, serverNow, t, fleet.kiosks.get(incident.kioskId)?.status === 'maintenance')}
              username={user.username}
            />
          ))}
        </ol>
      )}
      {queue.length > shown.length && (
        <p class="more">
          <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
            {t('incidents.showMore', {
              count: Math.min(PAGE, queue.length - shown.length),
              left: queue.length - shown.length,
            })}
          </button>
        </p>
      )}
      {repaired.list.length > 0 && (
        <section class="repaired" aria-labelledby="repaired-heading">
          <h2 id="repaired-heading">{t('incidents.repairedTitle', { count: repaired.list.length })}</h2>
          <p class="muted">{t('incidents.repairedIntro')}</p>
          <ol class="incident-queue repaired-list">
            {repaired.list.map((r) => (
              <IncidentCard
                key={r.incidentId}
                incident={repairedToConsole(r)}
                site={fleet.sites.get(r.siteId)}
                clock={repairedClock(r, t, lang)}
                username={user.username}
                onDone={repaired.reload}
              />
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** Repaired, unresolved incidents: read at first, again when the feed's incidents change (one is repaired) or after an action. */
function useRepaired(fleet: FleetState): { list: RepairedIncident[]; reload: () => void } {
  const [list, setList] = useState<RepairedIncident[]>([]);
  const [reloads, setReloads] = useState(0);
  const feedKey = [...fleet.incidents.keys()].sort().join();
  useEffect(() => {
    let live = true;
    api<{ incidents: RepairedIncident[] }>('GET', '/incidents?status=repaired').then(
      (body) => live && setList(body.incidents.filter((i) => i.resolvedAt === null)),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [feedKey, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { list, reload };
}

function repairedClock(incident: RepairedIncident, t: TFunction, lang: Lang): { text: string; kind: string } {
  const at = formatDateTime(incident.repairedAt, lang);
  return {
    text: t(incident.withinSla === false ? 'incidents.repairedLate' : 'incidents.repairedInTime', { at }),
    kind: incident.withinSla === false ? 'breached' : 'repaired',
  };
}

type Action = 'acknowledge' | 'assign' | 'notes' | 'resolve';

/** The clock as a card shows it: its words change once a minute, so a memoised card re-renders once a minute too. */
function clockOf(
  incident: ConsoleIncident,
  serverNow: number,
  t: TFunction,
  inMaintenance: boolean,
): { text: string; kind: string } {
  const kind = isBreached(incident, serverNow)
    ? 'breached'
    : !incident.clockRunning
      ? 'paused'
      : secondsLeft(incident, serverNow) < 1800
        ? 'urgent'
        : 'running';
  return { text: clockText(incident, serverNow, t, inMaintenance), kind };
}

interface CardProps {
  incident: ConsoleIncident;
  site: ConsoleSite | undefined;
  clock: { text: string; kind: string };
  username: string;
  /** Called after an action succeeded (repaired incidents are not in the feed: their list is read again). */
  onDone?: () => void;
}

const IncidentCard = memo(
  IncidentCardView,
  (a: CardProps, b: CardProps) =>
    a.incident === b.incident &&
    a.site === b.site &&
    a.clock.text === b.clock.text &&
    a.clock.kind === b.clock.kind &&
    a.username === b.username &&
    a.onDone === b.onDone,
);

function IncidentCardView(props: CardProps) {
  const { t, lang } = useT();
  const { incident, site, clock } = props;
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState(incident.assignee ?? props.username);
  const [note, setNote] = useState('');
  const [noteReloads, setNoteReloads] = useState(0);
  const notes = useNotes(incident.incidentId, open, noteReloads);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `incident-${incident.incidentId}`;

  const act = async (action: Action, body: Record<string, string>) => {
    setBusy(true);
    setMessage(null);
    try {
      await api('POST', `/incidents/${encodeURIComponent(incident.incidentId)}/${action}`, body);
      setMessage({ kind: 'ok', text: t(`incidents.done.${action}`) });
      // The Acknowledge button goes away once acknowledged: keep the keyboard's place on this incident.
      if (action === 'acknowledge') heading.current?.focus();
      if (action === 'notes' || action === 'resolve') setNote('');
      if (action === 'notes') setNoteReloads((n) => n + 1);
      props.onDone?.();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INCIDENT_STILL_FAULTED')
        setMessage({ kind: 'error', text: t('incidents.stillFaulted') });
      else if (error instanceof ApiError && error.status === 403)
        setMessage({ kind: 'error', text: t('incidents.forbidden') });
      else
        setMessage({
          kind: 'error',
          text: t('incidents.failed', { message: error instanceof Error ? error.message : '' }),
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`incident clock-${clock.kind}`} data-incident={incident.incidentId} aria-labelledby={headingId}>
      <div class="incident-head">
        <h2 id={headingId} tabIndex={-1} ref={heading}>
          <a href={href.kiosk(incident.kioskId)}>{incident.kioskId}</a>
          <span class="incident-site"> — {site?.name ?? incident.siteId}</span>
        </h2>
        <p class="clock" data-clock={clock.kind}>
          {clock.text}
        </p>
      </div>
      <p class="incident-what">
        {incident.components.map((c) => t(`component.${c}`, { defaultValue: c })).join(', ')} ·{' '}
        {t('incidents.detected', { at: formatDateTime(incident.detectedAt, lang) })}
        {site?.city ? ` · ${site.city}` : ''}
      </p>
      <p class="incident-state">
        <span class={`badge state-${incident.state}`}>{t(`incidentState.${incident.state}`)}</span>
        {incident.acknowledgedBy && ` ${t('incidents.ackBy', { who: incident.acknowledgedBy })}`}
        {incident.assignee && ` · ${t('incidents.assignedTo', { who: incident.assignee })}`}
      </p>
      <div class="actions">
        {incident.state === 'open' && (
          <button type="button" class="primary" disabled={busy} onClick={() => void act('acknowledge', {})}>
            {t('incidents.acknowledge')}
          </button>
        )}
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t('incidents.more')}</summary>
          {open && (
            <>
              <NotesList incidentId={incident.incidentId} notes={notes} />
              <form
                class="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (assignee.trim()) void act('assign', { assignee: assignee.trim() });
                }}
              >
                <label for={`assignee-${incident.incidentId}`}>{t('incidents.assignee')}</label>
                <div class="row">
                  <input
                    id={`assignee-${incident.incidentId}`}
                    value={assignee}
                    autoCapitalize="none"
                    onInput={(e) => setAssignee(e.currentTarget.value)}
                  />
                  <button type="submit" disabled={busy || !assignee.trim()}>
                    {t('incidents.assign')}
                  </button>
                </div>
              </form>
              <form class="inline-form" onSubmit={(e) => e.preventDefault()}>
                <label for={`note-${incident.incidentId}`}>{t('incidents.note')}</label>
                <textarea
                  id={`note-${incident.incidentId}`}
                  rows={2}
                  maxLength={NOTE_MAX_LENGTH}
                  aria-describedby={`note-limit-${incident.incidentId}`}
                  value={note}
                  onInput={(e) => setNote(e.currentTarget.value)}
                />
                <p class="muted field-hint" id={`note-limit-${incident.incidentId}`}>
                  {t('incidents.noteLimit', { max: NOTE_MAX_LENGTH })}
                </p>
                <div class="row">
                  <button
                    type="button"
                    disabled={busy || !note.trim()}
                    onClick={() => void act('notes', { text: note.trim() })}
                  >
                    {t('incidents.addNote')}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    disabled={busy || !note.trim()}
                    onClick={() => void act('resolve', { resolution: note.trim() })}
                  >
                    {t('incidents.resolve')}
                  </button>
                </div>
              </form>
            </>
          )}
        </details>
      </div>
      <p class="action-result ok" role="status">
        {message?.kind === 'ok' ? message.text : ''}
      </p>
      <p class="action-result error" role="alert">
        {message?.kind === 'error' ? message.text : ''}
      </p>
    </li>
  );
}

type NotesLoad = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; notes: IncidentNote[] };

/** The incident's notes from GET /incidents/:id, read when its details open and again after a note is added. */
function useNotes(incidentId: string, open: boolean, reloads: number): NotesLoad {
  const [load, setLoad] = useState<NotesLoad>({ state: 'loading' });
  useEffect(() => {
    if (!open) return;
    let live = true;
    api<{ history?: IncidentHistoryEntry[] }>('GET', `/incidents/${encodeURIComponent(incidentId)}`).then(
      (body) => live && setLoad({ state: 'loaded', notes: notesOf(body.history ?? []) }),
      () => live && setLoad({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [incidentId, open, reloads]);
  return load;
}

function NotesList({ incidentId, notes }: { incidentId: string; notes: NotesLoad }) {
  const { t, lang } = useT();
  // Not a labelled region: the note box's label ("Note") must stay the only control that name finds.
  return (
    <div class="notes" data-notes={incidentId}>
      <h3>{t('incidents.notes')}</h3>
      {notes.state === 'loading' && <p class="muted">{t('app.loading')}</p>}
      {notes.state === 'failed' && <p class="muted">{t('incidents.notesFailed')}</p>}
      {notes.state === 'loaded' && notes.notes.length === 0 && <p class="muted">{t('incidents.noNotes')}</p>}
      {notes.state === 'loaded' && notes.notes.length > 0 && (
        <ol class="note-list">
          {notes.notes.map((n) => (
            <li key={`${n.at}-${n.actor}`}>
              <p class="note-meta">
                {t(n.resolution ? 'incidents.resolutionBy' : 'incidents.noteBy', {
                  who: n.actor,
                  at: formatDateTime(n.at, lang),
                })}
              </p>
              <p class="note-text">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
