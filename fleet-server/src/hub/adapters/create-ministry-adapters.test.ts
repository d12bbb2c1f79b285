// The factory builds one working adapter per ministry id from the endpoints every simulator reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINISTRY_IDS, type MinistryId, type TxDetails } from '@guichet/shared';
import { startMinistrySimulators, type StartedMinistries } from '@guichet/ministries/start-ministries';
import { TEST_CASES } from '@guichet/ministries/test-data';
import { tempDataDir, testTxId } from '@guichet/ministries/test-support';
import { createMinistryAdapters } from './create-ministry-adapters';
import { MinistryEndpoints } from './ministry-endpoints';

describe('createMinistryAdapters', () => {
  const data = tempDataDir('ministries');
  let ministries: StartedMinistries;
  beforeAll(async () => {
    ministries = await startMinistrySimulators({ dataDir: data.dir, now: () => new Date('2026-11-29T15:00:00Z') });
  });
  afterAll(async () => {
    await ministries.close();
    data.remove();
  });

  it('refuses endpoints that are not addresses', () => {
    expect(MinistryEndpoints.safeParse({ ...ministries.endpoints, health: { url: 'ftp://x' } }).success).toBe(false);
  });

  it('serves every ministry id, each reaching its own system', async () => {
    const adapters = createMinistryAdapters(ministries.endpoints);
    expect([...adapters.keys()].sort()).toEqual([...MINISTRY_IDS].sort());
    const address = TEST_CASES.changeOfAddress.ok;
    const cases: [MinistryId, TxDetails][] = [
      ['transportation', { serviceId: 'vehicle-sticker-renewal', ...TEST_CASES.sticker.ok }],
      ['health', { serviceId: 'change-of-address', ...address }],
      ['natural-resources', { serviceId: 'outdoors-card-renewal', ...TEST_CASES.outdoors.ok }],
      [
        'attorney-general',
        {
          serviceId: 'fines-and-parking-tickets',
          issuer: 'attorney-general',
          ticketNumber: TEST_CASES.fines.attorneyGeneral.ok,
        },
      ],
      [
        'city-ottawa',
        { serviceId: 'fines-and-parking-tickets', issuer: 'city-ottawa', ticketNumber: TEST_CASES.fines.cityOttawa.ok },
      ],
      [
        'city-toronto',
        {
          serviceId: 'fines-and-parking-tickets',
          issuer: 'city-toronto',
          ticketNumber: TEST_CASES.fines.cityToronto.ok,
        },
      ],
    ];
    for (const [ministryId, details] of cases) {
      const adapter = adapters.get(ministryId);
      const validation = await adapter?.validate({
        txId: testTxId(1),
        serviceId: details.serviceId,
        ministryId,
        details,
      });
      expect(validation?.outcome, ministryId).toBe('valid');
    }
    for (const adapter of adapters.values()) await adapter.close();
  });
});
