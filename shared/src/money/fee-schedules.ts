// The fee schedules shipped as data (docs/domain.md "Money"): Ontario's $1.00 kiosk convenience fee, half to
// the province and half to the contractor, change of address free; and a Maine-style schedule where the
// portal's share of a $1.00 fee was halved from $1.00 to $0.50. Dates of the Maine change are illustrative.
import type { FeeSchedule, FeeScheduleInput } from './fee-schedule';
import { parseFeeSchedule } from './fee-schedule';

const ontario: FeeScheduleInput = {
  jurisdiction: 'ON',
  timezone: 'America/Toronto',
  currency: 'CAD',
  entries: [
    {
      channel: 'kiosk',
      serviceId: '*',
      feeCents: 100,
      split: [
        { party: 'province', weight: 5000 },
        { party: 'contractor', weight: 5000 },
      ],
      validFrom: '2025-01-01',
      validTo: null,
      note: '$1.00 convenience fee per kiosk transaction, half to the contractor',
    },
    {
      channel: 'kiosk',
      serviceId: 'change-of-address',
      feeCents: 0,
      split: [
        { party: 'province', weight: 5000 },
        { party: 'contractor', weight: 5000 },
      ],
      validFrom: '2025-01-01',
      validTo: null,
      note: 'change of address is free',
    },
  ],
};

const maine: FeeScheduleInput = {
  jurisdiction: 'ME',
  timezone: 'America/New_York',
  currency: 'USD',
  entries: [
    {
      channel: 'kiosk',
      serviceId: '*',
      feeCents: 100,
      split: [
        { party: 'state', weight: 0 },
        { party: 'portal', weight: 10_000 },
      ],
      validFrom: '2025-01-01',
      validTo: '2026-07-01',
      note: 'pilot start: the whole $1.00 to the portal',
    },
    {
      channel: 'kiosk',
      serviceId: '*',
      feeCents: 100,
      split: [
        { party: 'state', weight: 5000 },
        { party: 'portal', weight: 5000 },
      ],
      validFrom: '2026-07-01',
      validTo: null,
      note: "the portal's share halved to $0.50, the state keeps $0.50",
    },
  ],
};

export const ONTARIO_FEE_SCHEDULE: FeeSchedule = parseFeeSchedule(ontario);
export const MAINE_FEE_SCHEDULE: FeeSchedule = parseFeeSchedule(maine);
export const FEE_SCHEDULES: readonly FeeSchedule[] = [ONTARIO_FEE_SCHEDULE, MAINE_FEE_SCHEDULE];
