// Which ministries receive a transaction, and what each one receives: a single ministry or the ticket's issuer
// gets the citizen's details; a change of address is split so that each ministry gets only its own record
// (the Outdoors Card part only when the citizen has one).
import type { MinistryId, TxDetails } from '@guichet/shared';
import { serviceById } from '@guichet/shared';
import type { MinistryDetails } from './ministry-adapter';

export interface Recipient {
  ministryId: MinistryId;
  details: MinistryDetails;
}

export function recipientsFor(details: TxDetails): Recipient[] {
  if (details.serviceId === 'change-of-address') {
    const { newAddress } = details;
    const parts: Recipient[] = [
      {
        ministryId: 'transportation',
        details: { serviceId: details.serviceId, licenceNumber: details.licenceNumber, newAddress },
      },
      {
        ministryId: 'health',
        details: { serviceId: details.serviceId, healthCardNumber: details.healthCardNumber, newAddress },
      },
    ];
    if (details.outdoorsCardNumber !== undefined)
      parts.push({
        ministryId: 'natural-resources',
        details: { serviceId: details.serviceId, outdoorsCardNumber: details.outdoorsCardNumber, newAddress },
      });
    return parts;
  }
  if (details.serviceId === 'fines-and-parking-tickets') return [{ ministryId: details.issuer, details }];
  const delivery = serviceById(details.serviceId).delivery;
  if (delivery.kind !== 'single') throw new Error(`service ${details.serviceId} has no rule to split its details`);
  return [{ ministryId: delivery.ministryId, details }];
}
