// Transportation's business rules for each transaction code (RECORDS.md), on the seeded drivers and vehicles
// plus what has been committed since. Transport-free: the mainframe server feeds it decoded requests.
import { addYears, isoDate, laterOf } from '../common/dates';
import type { SimStore } from '../common/sim-store';
import type { SeedDriver, SeedVehicle } from '../test-data';
import { RC, type VehiclesRequest, type VehiclesResponse } from './records';

export interface VehiclesBook {
  drivers: readonly SeedDriver[];
  vehicles: readonly SeedVehicle[];
  takenPlateTexts: readonly string[];
}

export interface TransactionContext {
  book: VehiclesBook;
  store: SimStore;
  today: Date;
  /** The injected "rejects" fault: refuse every business request with this reason. */
  rejects: string | undefined;
}

const compact = (plate: string) => plate.replace(/\s/g, '').toUpperCase();

function answer(request: VehiclesRequest, fields: Partial<VehiclesResponse>): VehiclesResponse {
  return {
    tranCode: request.tranCode,
    returnCode: RC.ok,
    reason: '',
    clientRef: request.clientRef,
    mtoRef: '',
    amountCents: 0,
    region: '',
    expiry: '',
    licenceStatus: '',
    demerits: 0,
    convictions: 0,
    message: '',
    ...fields,
  };
}

const refuse = (request: VehiclesRequest, reason: string, message: string) =>
  answer(request, { returnCode: RC.refused, reason, message });

const mtoRef = (sequence: number) => `MTO${String(sequence).padStart(9, '0')}`;
const yyyymmdd = (iso: string) => iso.replace(/-/g, '');

function fromRecord(request: VehiclesRequest, data: Record<string, unknown>, reference: string, amountCents: number) {
  return answer(request, {
    mtoRef: reference,
    amountCents,
    region: typeof data.region === 'string' ? data.region : '',
    expiry: typeof data.expiry === 'string' ? data.expiry : '',
    licenceStatus: typeof data.licenceStatus === 'string' ? data.licenceStatus : '',
    demerits: typeof data.demerits === 'number' ? data.demerits : 0,
    convictions: typeof data.convictions === 'number' ? data.convictions : 0,
    message: 'TRANSACTION ACCEPTED',
  });
}

/** Runs one request against the book; commits are recorded once per client reference. */
export function runTransaction(request: VehiclesRequest, ctx: TransactionContext): VehiclesResponse {
  const { book, store } = ctx;
  if (request.clientRef.trim() === '')
    return answer(request, { returnCode: RC.badRequest, reason: 'FMT', message: 'CLIENT REFERENCE REQUIRED' });

  if (request.tranCode === 'LKUP') {
    const found = store.byClientReference(request.clientRef);
    if (!found)
      return answer(request, { returnCode: RC.notFound, reason: 'NFND', message: 'NO TRANSACTION FOR CLIENT REF' });
    return fromRecord(request, found.data, found.reference, found.amountCents);
  }

  const expectedFunction = request.tranCode === 'PLTQ' ? 'V' : request.tranCode === 'PLTO' ? 'C' : undefined;
  if (expectedFunction !== undefined && request.function !== expectedFunction)
    return answer(request, { returnCode: RC.badRequest, reason: 'FUNC', message: 'FUNCTION NOT VALID FOR TRAN' });
  if (request.function === 'I')
    return answer(request, { returnCode: RC.badRequest, reason: 'FUNC', message: 'FUNCTION NOT VALID FOR TRAN' });

  // A repeated commit answers with the first one's record, whatever changed since (the plate now taken, ...).
  if (request.function === 'C') {
    const existing = store.byClientReference(request.clientRef);
    if (existing) return fromRecord(request, existing.data, existing.reference, existing.amountCents);
  }
  if (ctx.rejects !== undefined) return refuse(request, ctx.rejects, 'TRANSACTION REJECTED BY HOST');

  const driver = book.drivers.find((d) => d.licenceNumber === request.licenceNo);
  if (!driver) return refuse(request, 'NFND', 'LICENCE NOT ON FILE');

  const commit = (kind: string, subject: string, data: Record<string, unknown>) => {
    const { record } = store.recordOnce(
      {
        clientReference: request.clientRef,
        kind,
        subject,
        amountCents: request.amountCents,
        data,
        createdAt: ctx.today.toISOString(),
      },
      mtoRef,
    );
    return fromRecord(request, record.data, record.reference, record.amountCents);
  };

  switch (request.tranCode) {
    case 'VSTK': {
      const vehicle = book.vehicles.find((v) => compact(v.plate) === compact(request.plate));
      if (!vehicle) return refuse(request, 'NFND', 'PLATE NOT ON FILE');
      if (vehicle.ownerLicence !== driver.licenceNumber) return refuse(request, 'NOWN', 'NOT THE REGISTERED OWNER');
      if (driver.status === 'SUSPENDED') return refuse(request, 'SUSP', 'LICENCE SUSPENDED - SEE SERVICEONTARIO');
      const renewals = store.bySubject('VSTK', compact(vehicle.plate));
      const lastRenewal = renewals.at(-1)?.data.expiry;
      const currentExpiry =
        typeof lastRenewal === 'string'
          ? `${lastRenewal.slice(0, 4)}-${lastRenewal.slice(4, 6)}-${lastRenewal.slice(6, 8)}`
          : vehicle.permitExpiry;
      const expiry = yyyymmdd(addYears(laterOf(currentExpiry, isoDate(ctx.today)), 1));
      const region = vehicle.region === 'northern-ontario' ? 'N' : 'S';
      if (request.function === 'V') return answer(request, { region, expiry, message: 'RENEWAL PERMITTED' });
      return commit('VSTK', compact(vehicle.plate), { region, expiry });
    }
    case 'ABST': {
      const data = { licenceStatus: driver.status, demerits: driver.demeritPoints, convictions: driver.convictions };
      if (request.function === 'V') return answer(request, { ...data, message: 'ABSTRACT AVAILABLE' });
      return commit('ABST', driver.licenceNumber, data);
    }
    case 'PLTQ':
    case 'PLTO': {
      const text = compact(request.plate);
      if (!/^[A-Z0-9]{2,8}$/.test(text) || !/[A-Z]/.test(text))
        return refuse(request, 'PTXT', 'PLATE TEXT NOT PERMITTED');
      if (driver.status !== 'VALID')
        return refuse(request, driver.status === 'SUSPENDED' ? 'SUSP' : 'DLEX', `LICENCE ${driver.status}`);
      if (book.takenPlateTexts.includes(text) || store.bySubject('PLTO', text).length > 0)
        return refuse(request, 'NAVL', 'PLATE TEXT NOT AVAILABLE');
      if (request.function === 'V') return answer(request, { message: 'PLATE TEXT AVAILABLE' });
      return commit('PLTO', text, {});
    }
    case 'ADDR': {
      if (request.street === '' || request.city === '' || !/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(request.postalCode))
        return refuse(request, 'ADDR', 'ADDRESS INCOMPLETE');
      if (request.function === 'V') return answer(request, { message: 'ADDRESS CHANGE PERMITTED' });
      return commit('ADDR', driver.licenceNumber, {
        street: request.street,
        unit: request.unit,
        city: request.city,
        province: request.province,
        postalCode: request.postalCode,
      });
    }
  }
}
