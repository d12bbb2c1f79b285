// The IPC messages between the crash test and its two children (the kiosk runtime, the fleet server): what the
// test asks (arm a crash, run a transaction, issue a credential) and what the children report (ready, each
// durable step of their journal, a transaction's outcome).
import type { TxRecord } from '@guichet/kiosk/transaction/transaction-machine';

export type StepPhase = 'writing' | 'written';

/** One durable step of a journal, as a crash point: killed just before it is written, or just after. */
export interface CrashPoint {
  step: string;
  phase: StepPhase;
}

export const pointName = (p: CrashPoint): string => `${p.step} [${p.phase}]`;

/** Parent → child. `arm`: SIGKILL yourself at the `at`-th journal write event (1-based) counted from now. */
export type ToChild =
  | { type: 'arm'; at: number }
  | { type: 'run'; serviceId: string; details: unknown }
  | { type: 'issue-credential'; kioskId: string }
  /** Answered with `pong` after every message sent before it: the parent has seen all of them once it arrives. */
  | { type: 'ping'; id: number };

/** Child → parent. */
export type FromChild =
  | { type: 'ready'; url?: string }
  | { type: 'step'; step: string; phase: StepPhase }
  | { type: 'credential'; kioskId: string; credential: string }
  | { type: 'began'; txId: string }
  | { type: 'paid'; txId: string; state: string }
  | { type: 'resolved'; txId: string; record: TxRecord }
  | { type: 'pong'; id: number }
  | { type: 'failed'; message: string };

/**
 * The journal observer of a child: reports every step to the parent and, once armed, kills the process with
 * SIGKILL (no clean-up, no flush: what a power cut or an OOM kill leaves) at the chosen one.
 */
export function crashingObserver(send: (message: FromChild) => void): {
  observe: (step: string, phase: StepPhase) => void;
  arm: (at: number) => void;
} {
  let armedAt: number | undefined;
  let seen = 0;
  return {
    observe(step, phase) {
      if (armedAt !== undefined && ++seen === armedAt) process.kill(process.pid, 'SIGKILL');
      send({ type: 'step', step, phase });
    },
    arm(at) {
      armedAt = at;
      seen = 0;
    },
  };
}

/** process.send for a child started with an IPC channel. */
export function sendToParent(message: FromChild): void {
  process.send?.(message);
}
