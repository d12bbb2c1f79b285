// The ledger's accounts: money captured on cards waits in card-clearing, owed onward to each ministry
// (its service amount) and to each party of the convenience fee (province, contractor, …).
import type { MinistryId, PartyId } from '@guichet/shared';

export const CARD_CLEARING = 'card-clearing';
export type Account = typeof CARD_CLEARING | `ministry-payable:${MinistryId}` | `fee:${PartyId}`;

export const ministryPayable = (ministryId: MinistryId): Account => `ministry-payable:${ministryId}`;
export const feeAccount = (party: PartyId): Account => `fee:${party}`;
