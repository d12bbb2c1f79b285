// The kiosk page's remote commands (admins and technicians): print a test page, collect logs, restart the runtime,
// reboot, out of service on/off — POST /api/v1/kiosks/:id/commands — the disruptive ones only after a confirmation
// that says what it does to a citizen at the kiosk; and the kiosk's commands with their states (GET …/commands),
// read again every few seconds while one is still under way, with a link to download the logs a collect-logs brought.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/api-client';
import { useT } from '../i18n';
import { formatDateTime } from '../format';
import {
  COMMAND_KINDS,
  commandBody,
  isUnderWay,
  testPageResultKey,
  type CommandKind,
  type CommandView,
} from './command-kinds';

/** How often the list is read again while a command is under way (the kiosk answers within seconds). */
const REFRESH_MS = 2_000;

function useCommands(kioskId: string): { commands: CommandView[] | null; failed: boolean; reload: () => void } {
  const [commands, setCommands] = useState<CommandView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    api<{ commands: CommandView[] }>('GET', `/kiosks/${encodeURIComponent(kioskId)}/commands`).then(
      (body) => {
        if (!live) return;
        setCommands(body.commands);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [kioskId, reloads]);
  const underWay = commands?.some(isUnderWay) ?? false;
  useEffect(() => {
    if (!underWay) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [underWay, commands, reload]);
  return { commands, failed, reload };
}

export function KioskCommands({ kioskId, outOfService }: { kioskId: string; outOfService: boolean }) {
  const { t, lang } = useT();
  const { commands, failed, reload } = useCommands(kioskId);
  const [confirming, setConfirming] = useState<CommandKind | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  // The confirmation takes the keyboard's place; cancelling gives it back to the button that opened it.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const send = async (kind: CommandKind) => {
    setBusy(true);
    setResult(null);
    try {
      await api('POST', `/kiosks/${encodeURIComponent(kioskId)}/commands`, commandBody(kind, lang, reason));
      setResult({ kind: 'ok', text: t('commands.sent', { what: t(`commands.kind.${kind}`) }) });
      setConfirming(null);
      setReason('');
      reload();
    } catch (error) {
      setResult({
        kind: 'error',
        text:
          error instanceof ApiError && error.status === 403
            ? t('incidents.forbidden')
            : t('commands.failed', { message: error instanceof Error ? error.message : '' }),
      });
    } finally {
      setBusy(false);
    }
  };

  const start = (kind: CommandKind, button: HTMLButtonElement) => {
    if (!COMMAND_KINDS[kind].confirm) return void send(kind);
    opener.current = button;
    setResult(null);
    setConfirming(kind);
  };
  const cancel = () => {
    setConfirming(null);
    setReason('');
    opener.current?.focus();
  };

  return (
    <section aria-labelledby="commands-heading" class="panel wide commands">
      <h2 id="commands-heading">{t('commands.title')}</h2>
      <p class="muted">{t('commands.intro')}</p>
      <div class="command-buttons">
        {(Object.keys(COMMAND_KINDS) as CommandKind[])
          // Back in service only for a kiosk that is out of service; out of service for one that is not.
          .filter((kind) => (kind === 'in-service' ? outOfService : kind === 'out-of-service' ? !outOfService : true))
          .map((kind) => (
            <button
              key={kind}
              type="button"
              data-command={kind}
              class={COMMAND_KINDS[kind].confirm ? 'secondary' : ''}
              disabled={busy}
              onClick={(e) => start(kind, e.currentTarget)}
            >
              {t(`commands.kind.${kind}`)}
            </button>
          ))}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="confirm-title" aria-describedby="confirm-text">
          <h3 id="confirm-title">{t('commands.confirmTitle', { what: t(`commands.kind.${confirming}`) })}</h3>
          <p id="confirm-text">{t(`commands.confirmText.${confirming}`, { id: kioskId })}</p>
          {confirming === 'out-of-service' && (
            <>
              <label for="command-reason">{t('commands.reason')}</label>
              <input
                id="command-reason"
                maxLength={200}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </>
          )}
          <div class="row">
            <button
              type="button"
              class="danger"
              ref={confirmButton}
              disabled={busy}
              onClick={() => void send(confirming)}
            >
              {t('commands.confirm', { what: t(`commands.kind.${confirming}`) })}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={cancel}>
              {t('commands.cancel')}
            </button>
          </div>
        </div>
      )}
      <p class="action-result ok" role="status">
        {result?.kind === 'ok' ? result.text : ''}
      </p>
      <p class="action-result error" role="alert">
        {result?.kind === 'error' ? result.text : ''}
      </p>
      <h3 id="command-list-heading">{t('commands.listTitle')}</h3>
      {commands && commands.length > 0 ? (
        // Scrolls sideways on a narrow phone rather than the page: reachable by keyboard, named for a screen reader.
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="command-list-heading">
          <table class="data command-list" aria-labelledby="command-list-heading">
            <thead>
              <tr>
                <th scope="col">{t('commands.col.command')}</th>
                <th scope="col">{t('commands.col.state')}</th>
                <th scope="col">{t('commands.col.requested')}</th>
                <th scope="col">{t('commands.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {commands.map((c) => (
                <tr key={c.commandId} data-command-id={c.commandId} data-type={c.type}>
                  <td>{t(`commands.kind.${c.type}`, { defaultValue: c.type })}</td>
                  <td>
                    <span class={`badge command-${c.state}`}>{t(`commands.state.${c.state}`)}</span>
                  </td>
                  <td>
                    {formatDateTime(c.createdAt, lang)} · {c.requestedBy}
                  </td>
                  <td>
                    {c.logsUrl ? (
                      <a href={c.logsUrl} download>
                        {t('commands.downloadLogs')}
                      </a>
                    ) : c.error ? (
                      t(`commands.error.${c.error.code}`, { defaultValue: c.error.code })
                    ) : testPageResultKey(c) ? (
                      t(testPageResultKey(c)!)
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{failed ? t('commands.loadFailed') : commands ? t('commands.none') : t('app.loading')}</p>
      )}
    </section>
  );
}
