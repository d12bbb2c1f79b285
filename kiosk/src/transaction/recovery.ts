// Start-up recovery: every transaction the journal shows in flight is settled before the kiosk serves the next
// citizen, through the machine's `recovery-started` transition for its state — quoting: cancel at the hub;
// paying: cancelUnknownSale, then cancel; authorized / committing: ask the hub, complete what it committed and
// void + cancel the rest (the kiosk cannot re-commit: it never stored the details); voiding: void again;
// printing: completed, receipt interrupted (reprint available); needs-resolution: cancelUnknownSale. Finished
// transactions whose tx.cancel the hub never acknowledged are sent it again. What needs an unreachable hub or a
// terminal still authorising stays pending and is retried by the runner (backoff on injected timers).
import type { TransactionJournal } from './transaction-journal';
import type { TxRecord } from './transaction-machine';
import type { TransactionRunner } from './transaction-runner';

export interface RecoveryProgress {
  /** The journaled transactions picked up at start, as they were. */
  found: TxRecord[];
  /** Resolves with their final records once every one is settled (and the hub has acknowledged the cancels). */
  done: Promise<TxRecord[]>;
}

export function recoverTransactions(journal: TransactionJournal, runner: TransactionRunner): RecoveryProgress {
  const found = [...journal.inFlight(), ...journal.pendingHubCancels()];
  const sessions = found.map((record) => runner.resume(record));
  const done = Promise.all(
    sessions.map(async (session) => {
      await session.recover();
      return session.resolved();
    }),
  );
  return { found, done };
}
