// What a person may do to an incident, by value: a resolve refused while faulted, a second acknowledgement and any
// action on a resolved incident refused; the status from the engine's repair and the resolution note.
import { describe, expect, it } from 'vitest';
import { actionRefusal, incidentStatus, NoteText } from './incident-rules';
import { NO_HUMAN_STATE } from './incident-store';

const open = { incidentId: 'K-001-1', repairedAt: null, faults: [{ faultId: 'F1' }] };
const repaired = { ...open, repairedAt: '2026-01-06T10:00:00.000Z' };
const acknowledged = { ...NO_HUMAN_STATE, acknowledgedBy: 'tech', acknowledgedAt: '2026-01-06T09:00:00.000Z' };
const resolved = { ...acknowledged, resolvedBy: 'tech', resolvedAt: '2026-01-06T10:05:00.000Z', resolution: 'paper' };

describe('actionRefusal', () => {
  it('refuses a resolve while the engine sees the incident open', () => {
    expect(actionRefusal('resolve', open, NO_HUMAN_STATE, new Set(['F1']))?.code).toBe('INCIDENT_STILL_FAULTED');
    // Even when the monitor has already forgotten the fault, the engine's open incident is still faulted.
    expect(actionRefusal('resolve', open, NO_HUMAN_STATE, new Set())?.code).toBe('INCIDENT_STILL_FAULTED');
  });

  it('refuses a resolve while the kiosk still reports one of its faults, and names it', () => {
    const refusal = actionRefusal('resolve', repaired, NO_HUMAN_STATE, new Set(['F1', 'F9']));
    expect(refusal?.code).toBe('INCIDENT_STILL_FAULTED');
    expect(refusal?.details).toEqual({ openFaults: ['F1'] });
  });

  it('allows a resolve once repaired and no fault of it is open (another fault of the kiosk does not count)', () => {
    expect(actionRefusal('resolve', repaired, NO_HUMAN_STATE, new Set(['F9']))).toBeUndefined();
  });

  it('refuses a second acknowledgement but not notes or assignment on an open incident', () => {
    expect(actionRefusal('acknowledge', open, NO_HUMAN_STATE, new Set())).toBeUndefined();
    expect(actionRefusal('acknowledge', open, acknowledged, new Set())?.code).toBe('INCIDENT_ALREADY_ACKNOWLEDGED');
    expect(actionRefusal('note', open, acknowledged, new Set(['F1']))).toBeUndefined();
    expect(actionRefusal('assign', open, acknowledged, new Set(['F1']))).toBeUndefined();
  });

  it('refuses every action on a resolved incident', () => {
    for (const action of ['acknowledge', 'assign', 'note', 'resolve'] as const)
      expect(actionRefusal(action, repaired, resolved, new Set())?.code).toBe('INCIDENT_RESOLVED');
  });
});

describe('incidentStatus', () => {
  it('is open until the engine sees the repair, repaired until a person resolves it', () => {
    expect(incidentStatus(null, acknowledged)).toBe('open');
    expect(incidentStatus('2026-01-06T10:00:00.000Z', acknowledged)).toBe('repaired');
    expect(incidentStatus('2026-01-06T10:00:00.000Z', resolved)).toBe('resolved');
  });
});

describe('NoteText', () => {
  it('takes printable text with line breaks, trimmed, and refuses control characters, blanks and long text', () => {
    expect(NoteText.parse('  replaced roll\nprinter ok ')).toBe('replaced roll\nprinter ok');
    expect(NoteText.safeParse('bell\u0007').success).toBe(false);
    expect(NoteText.safeParse('   ').success).toBe(false);
    expect(NoteText.safeParse('x'.repeat(1001)).success).toBe(false);
  });
});
