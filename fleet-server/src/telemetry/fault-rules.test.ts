import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared';
import { applyFaultEvent, deviceFaultEvents, networkLost, type OpenFaults } from './fault-rules';

const at = new Date('2026-11-02T15:00:00.000Z');
let n = 0;
const id = () => `F${++n}`;

describe('fault rules', () => {
  it('opens one fault per failing device, none for warnings, and clears on recovery', () => {
    const open: OpenFaults = new Map();
    const opened = deviceFaultEvents(
      'K-1',
      open,
      { printer: { state: 'warning', code: 'PAPER_NEAR_END' }, paymentTerminal: { state: 'offline' } },
      at,
      id,
    );
    expect(opened).toEqual([
      {
        at: at.toISOString(),
        kioskId: 'K-1',
        type: 'fault.detected',
        faultId: expect.any(String) as unknown,
        component: 'paymentTerminal',
      },
    ]);
    const byKiosk = new Map([['K-1', open]]);
    opened.forEach((e) => applyFaultEvent(byKiosk, e));
    expect(deviceFaultEvents('K-1', open, { paymentTerminal: { state: 'fault' } }, at, id)).toEqual([]);
    const cleared = deviceFaultEvents('K-1', open, { paymentTerminal: { state: 'ok' } }, at, id);
    expect(cleared).toEqual([
      {
        at: at.toISOString(),
        kioskId: 'K-1',
        type: 'fault.cleared',
        faultId: (opened[0] as Extract<FleetEvent, { type: 'fault.detected' }>).faultId,
      },
    ]);
    cleared.forEach((e) => applyFaultEvent(byKiosk, e));
    expect(open.size).toBe(0);
  });

  it('stamps a lost network with since = the last heartbeat', () => {
    const last = new Date('2026-11-02T14:59:31.250Z');
    expect(networkLost('K-1', 'F9', at, last)).toMatchObject({
      component: 'network',
      since: '2026-11-02T14:59:31.250Z',
      at: at.toISOString(),
      code: 'HEARTBEAT_LOST',
    });
    expect(networkLost('K-1', 'F9', at, undefined)).not.toHaveProperty('since');
  });

  it('ignores a repeated detection and a clear of an unknown fault when rebuilding from the log', () => {
    const byKiosk = new Map<string, OpenFaults>();
    const detected: FleetEvent = {
      at: at.toISOString(),
      kioskId: 'K-1',
      type: 'fault.detected',
      faultId: 'F1',
      component: 'printer',
    };
    applyFaultEvent(byKiosk, detected);
    applyFaultEvent(byKiosk, detected);
    applyFaultEvent(byKiosk, { at: at.toISOString(), kioskId: 'K-2', type: 'fault.cleared', faultId: 'F404' });
    expect([...byKiosk.get('K-1')!]).toEqual([['printer', 'F1']]);
    expect(byKiosk.has('K-2')).toBe(false);
  });
});
