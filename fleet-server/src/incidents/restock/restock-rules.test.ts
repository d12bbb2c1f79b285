// Restock tasks from the printer's paper reports, by value: near-end opens, paper back to ok closes, a fault neither.
import { describe, expect, it } from 'vitest';
import { paperCondition, restockStep } from './restock-rules';

describe('paperCondition', () => {
  it('reads near-end from the warning code the printer driver reports', () => {
    expect(paperCondition({ state: 'warning', code: 'PRINTER_PAPER_NEAR_END' })).toBe('near-end');
    expect(paperCondition({ state: 'warning', code: 'PRINTER_COVER_OPEN' })).toBe('other');
    expect(paperCondition({ state: 'fault', code: 'PRINTER_PAPER_END' })).toBe('other');
    expect(paperCondition({ state: 'ok' })).toBe('ok');
    expect(paperCondition(undefined)).toBeUndefined();
  });
});

describe('restockStep', () => {
  it('opens a task when the printer enters near-end and none is open', () => {
    expect(restockStep('ok', 'near-end', false)).toBe('open');
    expect(restockStep(undefined, 'near-end', false)).toBe('open');
    expect(restockStep('ok', 'near-end', true)).toBeNull();
  });

  it('does not reopen a task a technician closed while the printer stays near-end', () => {
    expect(restockStep('near-end', 'near-end', false)).toBeNull();
  });

  it('closes the task when paper is back to ok, not when the roll runs out (that is an SLA fault)', () => {
    expect(restockStep('near-end', 'ok', true)).toBe('close');
    expect(restockStep('near-end', 'other', true)).toBeNull();
    expect(restockStep('other', 'ok', true)).toBe('close');
    expect(restockStep(undefined, undefined, true)).toBeNull();
  });
});
