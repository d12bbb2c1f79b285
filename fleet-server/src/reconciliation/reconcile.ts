// The daily reconciliation as a pure function: terminal sales, kiosk journals, the hub with its ledger and the
// ministries' records, joined on the transaction id, checked against the rule "never charge twice, never charge
// without the service, never deliver without the charge" and against the ledger's double entry.
import { cents, GuichetError, sumCents, type Cents } from '@guichet/shared';
import {
  KIOSK_FINAL_STATES,
  ReconciliationInput,
  type HubTransaction,
  type KioskJournalEntry,
  type MinistryEntry,
  type TerminalSale,
} from './reconciliation-input';
import {
  DiscrepancyKind,
  type Discrepancy,
  type ReconciliationReport,
  type ReconciliationSummary,
} from './discrepancy';

export interface ReconcileOptions {
  /** Transactions still in flight are listed but do not make the result unclean (a live system mid-day). */
  allowInFlight?: boolean;
}

const CARD_CLEARING = 'card-clearing';
const payableAccount = (ministryId: string): string => `ministry-payable:${ministryId}`;

interface TxView {
  txId: string;
  sales: TerminalSale[];
  journal: KioskJournalEntry | undefined;
  hub: HubTransaction | undefined;
  ministries: MinistryEntry[];
}

const total = (amounts: Iterable<number>): Cents => sumCents([...amounts].map((a) => cents(a)));

/** The net of one account over a transaction's ledger lines: debits − credits, or credits − debits. */
function net(hub: HubTransaction, account: string, side: 'debit' | 'credit'): Cents {
  const lines = hub.ledger.filter((l) => l.account === account);
  const debits = lines.reduce((sum, l) => sum + l.debitCents, 0);
  const credits = lines.reduce((sum, l) => sum + l.creditCents, 0);
  return cents(side === 'debit' ? debits - credits : credits - debits);
}

function uniqueBy<T extends { txId: string }>(items: T[], source: string, key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) {
      throw new GuichetError('RECONCILE_DUPLICATE_RECORD', `${source} holds transaction ${item.txId} twice`, {
        details: { source, txId: item.txId },
      });
    }
    map.set(k, item);
  }
  return map;
}

function groupByTx<T extends { txId: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const group = map.get(item.txId);
    if (group) group.push(item);
    else map.set(item.txId, [item]);
  }
  return map;
}

/** Joins the sources on the transaction id; a source holding one id twice is bad input. */
function joinByTx(input: ReturnType<typeof ReconciliationInput.parse>): TxView[] {
  const journals = uniqueBy(input.journals, 'the kiosk journals', (j) => j.txId);
  const hub = uniqueBy(input.hub, 'the hub', (h) => h.txId);
  uniqueBy(input.ministries, 'a ministry', (m) => `${m.ministryId}|${m.txId}`);
  const sales = groupByTx(input.terminals);
  const records = groupByTx(input.ministries);
  const ids = new Set<string>([...sales.keys(), ...journals.keys(), ...hub.keys(), ...records.keys()]);
  return [...ids].sort().map((txId) => ({
    txId,
    sales: sales.get(txId) ?? [],
    journal: journals.get(txId),
    hub: hub.get(txId),
    ministries: records.get(txId) ?? [],
  }));
}

/** What one transaction's records say is wrong with it, in-flight findings apart. */
function check(tx: TxView): { problems: Discrepancy[]; inFlight: Discrepancy[] } {
  const kioskId = tx.hub?.kioskId ?? tx.journal?.kioskId ?? tx.sales[0]?.kioskId ?? null;
  const base = { txId: tx.txId, kioskId } as const;
  const approved = tx.sales.filter((s) => s.state === 'approved');
  // Every approval is a charge, even one reversed since: one reference approved twice was charged twice.
  const approvals = tx.sales.filter((s) => s.state !== 'declined');
  const terminalCents = total(approved.map((s) => s.amountCents));
  const captured = approved.length > 0;
  const hub = tx.hub;
  const committed = hub?.state === 'committed';
  const problems: Discrepancy[] = [];
  const inFlight: Discrepancy[] = [];

  // In flight: the kiosk or the hub has not finished; their recovery settles it, so the delivery checks wait.
  if (tx.journal && !(KIOSK_FINAL_STATES as readonly string[]).includes(tx.journal.state)) {
    inFlight.push({ ...base, kind: 'in-flight', reason: 'kiosk-in-flight', state: tx.journal.state });
  }
  if (hub?.state === 'committing') inFlight.push({ ...base, kind: 'in-flight', reason: 'hub-committing' });
  const recorded = new Set(tx.ministries.map((m) => m.ministryId));
  if (committed) {
    for (const d of hub.deliveries) {
      if ((d.status === 'queued' || d.status === 'pending') && !recorded.has(d.ministryId)) {
        inFlight.push({ ...base, kind: 'in-flight', reason: 'delivery-queued', ministryId: d.ministryId });
      }
    }
  }
  const settled = inFlight.length === 0;

  // Charged twice: two approved sales for one service, or a capture that is not the hub's total.
  if (approvals.length > 1) {
    problems.push({
      ...base,
      kind: 'charged-twice',
      reason: 'two-approved-sales',
      sales: approvals.length,
      terminalCents,
    });
  } else if (captured && committed && terminalCents !== hub.totalCents) {
    problems.push({
      ...base,
      kind: 'charged-twice',
      reason: 'amount-mismatch',
      terminalCents,
      hubCents: hub.totalCents,
    });
  }

  // Double entry: each posting (capture, reversal) balances on its own.
  for (const kind of ['capture', 'reversal'] as const) {
    const lines = hub?.ledger.filter((l) => l.kind === kind) ?? [];
    const debitCents = total(lines.map((l) => l.debitCents));
    const creditCents = total(lines.map((l) => l.creditCents));
    if (debitCents !== creditCents) {
      problems.push({
        ...base,
        kind: 'unbalanced-postings',
        reason: 'debits-not-credits',
        state: kind,
        debitCents,
        creditCents,
      });
    }
  }

  if (settled) {
    if (captured && !committed) {
      problems.push({
        ...base,
        kind: 'charged-not-delivered',
        reason: 'hub-not-committed',
        state: hub?.state ?? 'absent',
        terminalCents,
      });
    } else if (captured && committed) {
      const done = hub.deliveries.filter((d) => d.status === 'done').map((d) => d.ministryId);
      const missing =
        hub.deliveries.length > 0 ? done.filter((m) => !recorded.has(m)) : recorded.size ? [] : [undefined];
      for (const ministryId of missing) {
        problems.push({
          ...base,
          kind: 'charged-not-delivered',
          reason: 'no-ministry-record',
          terminalCents,
          ...(ministryId ? { ministryId } : {}),
        });
      }
    } else if (committed) {
      // Nothing charged (a free change of address): a delivery the hub calls done must still be on file.
      for (const d of hub.deliveries) {
        if (d.status === 'done' && !recorded.has(d.ministryId)) {
          problems.push({
            ...base,
            kind: 'delivery-missing',
            reason: 'delivered-not-on-file',
            ministryId: d.ministryId,
          });
        }
      }
    }
    // A committed transaction a ministry refused its part of: the citizen was told, someone must follow up.
    if (committed) {
      for (const d of hub.deliveries) {
        if (d.status === 'refused') {
          problems.push({ ...base, kind: 'delivery-refused', reason: 'ministry-refused', ministryId: d.ministryId });
        }
      }
    }
    const expectedCents = hub?.totalCents ?? tx.journal?.totalCents ?? 0;
    const paid = expectedCents > 0 || tx.ministries.some((m) => m.amountCents > 0);
    if (paid && !captured && (committed || tx.ministries.length > 0)) {
      problems.push({
        ...base,
        kind: 'delivered-not-charged',
        reason: 'no-approved-sale',
        state: hub?.state ?? 'absent',
        hubCents: cents(expectedCents),
        ministryCents: total(tx.ministries.map((m) => m.amountCents)),
      });
    }
    // The ledger against the card and the ministries, once the money itself agrees (one problem, one report).
    const moneyAgrees = problems.every((p) => p.kind === 'unbalanced-postings');
    if (hub && moneyAgrees && (committed || hub.ledger.length > 0)) {
      const ledgerCents = net(hub, CARD_CLEARING, 'debit');
      if (ledgerCents !== terminalCents) {
        problems.push({
          ...base,
          kind: 'unbalanced-postings',
          reason: 'clearing-not-terminal',
          ledgerCents,
          terminalCents,
        });
      }
      if (committed && !hub.ledger.some((l) => l.kind === 'reversal')) {
        for (const m of tx.ministries) {
          const payable = net(hub, payableAccount(m.ministryId), 'credit');
          if (payable !== m.amountCents) {
            problems.push({
              ...base,
              kind: 'unbalanced-postings',
              reason: 'payable-not-ministry',
              ministryId: m.ministryId,
              ledgerCents: payable,
              ministryCents: m.amountCents,
            });
          }
        }
      }
    }
  }
  return { problems, inFlight };
}

function summarize(
  input: ReturnType<typeof ReconciliationInput.parse>,
  transactions: number,
  problems: Discrepancy[],
  inFlight: Discrepancy[],
  allowInFlight: boolean,
): ReconciliationSummary {
  const count = <T>(items: T[], test: (item: T) => boolean): number => items.filter(test).length;
  const journalInFlight = (j: KioskJournalEntry) => !(KIOSK_FINAL_STATES as readonly string[]).includes(j.state);
  const lines = input.hub.flatMap((h) => h.ledger);
  const discrepancies = Object.fromEntries(DiscrepancyKind.options.map((k) => [k, 0])) as Record<
    DiscrepancyKind,
    number
  >;
  for (const d of [...problems, ...inFlight]) discrepancies[d.kind]++;
  return {
    transactions,
    terminals: {
      sales: input.terminals.length,
      approved: count(input.terminals, (t) => t.state === 'approved'),
      declined: count(input.terminals, (t) => t.state === 'declined'),
      reversed: count(input.terminals, (t) => t.state === 'reversed'),
      capturedCents: total(input.terminals.filter((t) => t.state === 'approved').map((t) => t.amountCents)),
    },
    journals: {
      transactions: input.journals.length,
      completed: count(input.journals, (j) => j.state === 'completed'),
      inFlight: count(input.journals, journalInFlight),
      completedCents: total(input.journals.filter((j) => j.state === 'completed').map((j) => j.totalCents ?? 0)),
    },
    hub: {
      transactions: input.hub.length,
      committed: count(input.hub, (h) => h.state === 'committed'),
      committedCents: total(input.hub.filter((h) => h.state === 'committed').map((h) => h.totalCents)),
      debitCents: total(lines.map((l) => l.debitCents)),
      creditCents: total(lines.map((l) => l.creditCents)),
    },
    ministries: { records: input.ministries.length, amountCents: total(input.ministries.map((m) => m.amountCents)) },
    discrepancies,
    inFlight: new Set(inFlight.map((d) => d.txId)).size,
    clean: problems.length === 0 && (allowInFlight || inFlight.length === 0),
  };
}

/**
 * Reconciles the four sources. Throws RECONCILE_INVALID_INPUT for records that do not fit the normalized types
 * and RECONCILE_DUPLICATE_RECORD for a source that holds one transaction twice; otherwise reports every finding.
 */
export function reconcile(raw: ReconciliationInput, options: ReconcileOptions = {}): ReconciliationReport {
  const parsed = ReconciliationInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuichetError(
      'RECONCILE_INVALID_INPUT',
      `invalid ${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'does not fit the normalized records'}`,
      { details: { path: issue?.path.join('.') } },
    );
  }
  const views = joinByTx(parsed.data);
  const problems: Discrepancy[] = [];
  const inFlight: Discrepancy[] = [];
  for (const view of views) {
    const found = check(view);
    problems.push(...found.problems);
    inFlight.push(...found.inFlight);
  }
  return {
    discrepancies: problems,
    inFlight,
    summary: summarize(parsed.data, views.length, problems, inFlight, options.allowInFlight ?? false),
  };
}
