// The reconciliation as text for an operator: one line per finding (`<kind> <txId> kiosk=<id> …`, amounts in
// dollars and cents, never personal data), in-flight transactions after the errors, then one summary line.
import { cents, centsToDecimalString } from '@guichet/shared';
import type { Discrepancy, ReconciliationReport } from './discrepancy';

export function dollars(amount: number): string {
  const value = cents(amount);
  return value < 0 ? `-$${centsToDecimalString(cents(Math.abs(value)))}` : `$${centsToDecimalString(value)}`;
}

const AMOUNTS = [
  ['terminalCents', 'terminal'],
  ['hubCents', 'hub'],
  ['ledgerCents', 'ledger'],
  ['ministryCents', 'ministry-amount'],
  ['debitCents', 'debits'],
  ['creditCents', 'credits'],
] as const;

export function formatDiscrepancy(d: Discrepancy): string {
  const parts = [d.kind, d.txId, `kiosk=${d.kioskId ?? '-'}`, `reason=${d.reason}`];
  if (d.ministryId) parts.push(`ministry=${d.ministryId}`);
  if (d.state) parts.push(`state=${d.state}`);
  if (d.sales !== undefined) parts.push(`sales=${d.sales}`);
  for (const [field, label] of AMOUNTS) {
    const amount = d[field];
    if (amount !== undefined) parts.push(`${label}=${dollars(amount)}`);
  }
  return parts.join(' ');
}

export function formatSummary(report: ReconciliationReport, allowInFlight: boolean): string {
  const s = report.summary;
  const errors = report.discrepancies.length;
  return [
    'summary',
    `transactions=${s.transactions}`,
    `terminal-captured=${dollars(s.terminals.capturedCents)}`,
    `sales=${s.terminals.sales} (approved=${s.terminals.approved} declined=${s.terminals.declined} reversed=${s.terminals.reversed})`,
    `hub-committed=${dollars(s.hub.committedCents)} (${s.hub.committed} of ${s.hub.transactions})`,
    `ledger-debits=${dollars(s.hub.debitCents)} ledger-credits=${dollars(s.hub.creditCents)}`,
    `ministries=${dollars(s.ministries.amountCents)} (${s.ministries.records} records)`,
    `journals=${s.journals.transactions} (completed=${s.journals.completed} in-flight=${s.journals.inFlight})`,
    `discrepancies=${errors}`,
    `in-flight=${s.inFlight}${allowInFlight ? ' (allowed)' : ''}`,
    s.clean ? 'clean' : 'NOT CLEAN',
  ].join(' ');
}

export function formatReport(report: ReconciliationReport, allowInFlight: boolean): string[] {
  return [
    ...report.discrepancies.map(formatDiscrepancy),
    ...report.inFlight.map(formatDiscrepancy),
    formatSummary(report, allowInFlight),
  ];
}
