// Seeded records of the ministries' systems: realistic-looking (not real) Ontario plates, licences, health
// cards, Outdoors Cards and tickets, each simulator's starting data and the named cases tests and the demo use
// (including the ones each system refuses). Dates are ISO (YYYY-MM-DD).

export interface SeedDriver {
  /** Ontario format: the surname's first letter + 14 digits. */
  licenceNumber: string;
  surname: string;
  givenName: string;
  status: 'VALID' | 'SUSPENDED' | 'EXPIRED';
  demeritPoints: number;
  convictions: number;
}

export interface SeedVehicle {
  plate: string;
  ownerLicence: string;
  /** Northern Ontario owners pay the northern sticker price. */
  region: 'southern-ontario' | 'northern-ontario';
  permitExpiry: string;
  make: string;
  year: number;
}

export interface SeedHealthCard {
  number: string;
  version: string;
  expiry: string;
  status: 'ACTIVE' | 'REPLACED' | 'INACTIVE';
}

export interface SeedOutdoorsCard {
  number: string;
  expiry: string;
  status: 'ACTIVE' | 'CANCELLED';
}

export interface SeedTicket {
  number: string;
  amountDueCents: number;
  status: 'OUTSTANDING' | 'PAID' | 'IN_COLLECTIONS';
  offence: string;
}

export const SEED_DRIVERS: readonly SeedDriver[] = [
  {
    licenceNumber: 'T42187305690318',
    surname: 'TREMBLAY',
    givenName: 'JULIE',
    status: 'VALID',
    demeritPoints: 0,
    convictions: 0,
  },
  {
    licenceNumber: 'N90714428850512',
    surname: 'NGUYEN',
    givenName: 'MINH',
    status: 'VALID',
    demeritPoints: 3,
    convictions: 1,
  },
  {
    licenceNumber: 'S31208819770624',
    surname: 'SINGH',
    givenName: 'HARPREET',
    status: 'SUSPENDED',
    demeritPoints: 15,
    convictions: 4,
  },
  {
    licenceNumber: 'M55012637720901',
    surname: 'MACDONALD',
    givenName: 'ROSS',
    status: 'VALID',
    demeritPoints: 2,
    convictions: 1,
  },
  {
    licenceNumber: 'O70448912650215',
    surname: 'OKAFOR',
    givenName: 'CHIDI',
    status: 'EXPIRED',
    demeritPoints: 0,
    convictions: 0,
  },
];

export const SEED_VEHICLES: readonly SeedVehicle[] = [
  {
    plate: 'CBKR 482',
    ownerLicence: 'T42187305690318',
    region: 'southern-ontario',
    permitExpiry: '2026-12-14',
    make: 'HONDA',
    year: 2019,
  },
  {
    plate: 'BXRT 719',
    ownerLicence: 'N90714428850512',
    region: 'southern-ontario',
    permitExpiry: '2027-03-02',
    make: 'TOYOTA',
    year: 2021,
  },
  {
    plate: 'CAEV 203',
    ownerLicence: 'M55012637720901',
    region: 'northern-ontario',
    permitExpiry: '2026-11-30',
    make: 'FORD',
    year: 2016,
  },
  {
    plate: 'BZLM 066',
    ownerLicence: 'S31208819770624',
    region: 'southern-ontario',
    permitExpiry: '2026-10-08',
    make: 'MAZDA',
    year: 2018,
  },
];

/** Personalized plate texts already issued or on order (not available). */
export const TAKEN_PLATE_TEXTS: readonly string[] = ['GOLEAFS', 'CANADA', 'HOCKEY', 'MOOSE', 'SENS4EVR'];

export const SEED_HEALTH_CARDS: readonly SeedHealthCard[] = [
  { number: '4532716980', version: 'AB', expiry: '2029-05-17', status: 'ACTIVE' },
  { number: '6197043528', version: 'KT', expiry: '2028-09-03', status: 'ACTIVE' },
  { number: '2871605534', version: 'CX', expiry: '2025-08-21', status: 'ACTIVE' },
  { number: '9083321746', version: 'HJ', expiry: '2030-01-11', status: 'REPLACED' },
  { number: '3356120987', version: 'MP', expiry: '2027-02-28', status: 'ACTIVE' },
];

export const SEED_OUTDOORS_CARDS: readonly SeedOutdoorsCard[] = [
  { number: '708158004417293', expiry: '2026-12-31', status: 'ACTIVE' },
  { number: '708158012093356', expiry: '2028-06-30', status: 'ACTIVE' },
  { number: '708158021774410', expiry: '2022-12-31', status: 'ACTIVE' },
  { number: '708158030558127', expiry: '2027-12-31', status: 'CANCELLED' },
  { number: '708158009981645', expiry: '2026-03-31', status: 'ACTIVE' },
];

/** Provincial offences (Ministry of the Attorney General): offence notice numbers, amounts in cents. */
export const SEED_AG_TICKETS: readonly SeedTicket[] = [
  { number: '4471A00218853', amountDueCents: 12500, status: 'OUTSTANDING', offence: 'SPEEDING 15 KM/H OVER' },
  { number: '4471A00230174', amountDueCents: 8500, status: 'OUTSTANDING', offence: 'FAIL TO SIGNAL' },
  { number: '3961B00011902', amountDueCents: 26000, status: 'PAID', offence: 'DISOBEY STOP SIGN' },
  { number: '4471A00241566', amountDueCents: 49000, status: 'IN_COLLECTIONS', offence: 'DRIVE WITHOUT INSURANCE' },
];

/** City of Toronto parking tags (their API gives the balance as a decimal string). */
export const SEED_TORONTO_TICKETS: readonly SeedTicket[] = [
  { number: 'PT40917263', amountDueCents: 4500, status: 'OUTSTANDING', offence: 'PARK PROHIBITED TIME' },
  { number: 'PT40955018', amountDueCents: 3000, status: 'OUTSTANDING', offence: 'PARK LONGER THAN 3 HOURS' },
  { number: 'PT39881402', amountDueCents: 15000, status: 'PAID', offence: 'PARK FIRE ROUTE' },
];

/** City of Ottawa parking tickets. */
export const SEED_OTTAWA_TICKETS: readonly SeedTicket[] = [
  { number: '2026014857', amountDueCents: 5500, status: 'OUTSTANDING', offence: 'STOP IN NO STOPPING ZONE' },
  { number: '2026021193', amountDueCents: 4000, status: 'OUTSTANDING', offence: 'PARK OVER TIME LIMIT' },
  { number: '2025198830', amountDueCents: 10000, status: 'PAID', offence: 'PARK ACCESSIBLE SPACE' },
];

const address = {
  street: '1200 Bay Street',
  unit: '1504',
  city: 'Toronto',
  province: 'ON' as const,
  postalCode: 'M5R2A5',
};

/** Named cases, each what a kiosk would send for one outcome, for tests and the demo. */
export const TEST_CASES = {
  sticker: {
    ok: { plate: 'CBKR 482', licenceNumber: 'T42187305690318' },
    northernOntario: { plate: 'CAEV 203', licenceNumber: 'M55012637720901' },
    suspendedOwner: { plate: 'BZLM 066', licenceNumber: 'S31208819770624' },
    notOwner: { plate: 'BXRT 719', licenceNumber: 'T42187305690318' },
    unknownPlate: { plate: 'ZZZZ 999', licenceNumber: 'T42187305690318' },
  },
  abstract: {
    ok: { licenceNumber: 'N90714428850512' },
    unknownLicence: { licenceNumber: 'X00000000000000' },
  },
  personalizedPlate: {
    available: { licenceNumber: 'T42187305690318', plateText: 'TRILLIUM' },
    notAvailable: { licenceNumber: 'T42187305690318', plateText: 'GOLEAFS' },
    suspendedDriver: { licenceNumber: 'S31208819770624', plateText: 'VROOM' },
  },
  changeOfAddress: {
    ok: {
      licenceNumber: 'T42187305690318',
      healthCardNumber: '4532716980AB',
      outdoorsCardNumber: '708158004417293',
      newAddress: address,
    },
    withoutOutdoorsCard: { licenceNumber: 'N90714428850512', healthCardNumber: '6197043528KT', newAddress: address },
    expiredHealthCard: { licenceNumber: 'M55012637720901', healthCardNumber: '2871605534CX', newAddress: address },
    wrongVersionCode: { licenceNumber: 'M55012637720901', healthCardNumber: '4532716980ZZ', newAddress: address },
    replacedHealthCard: { licenceNumber: 'M55012637720901', healthCardNumber: '9083321746HJ', newAddress: address },
  },
  fines: {
    attorneyGeneral: {
      ok: '4471A00218853',
      paid: '3961B00011902',
      inCollections: '4471A00241566',
      unknown: '4471A99999999',
    },
    cityToronto: { ok: 'PT40917263', paid: 'PT39881402', unknown: 'PT00000001' },
    cityOttawa: { ok: '2026014857', paid: '2025198830', unknown: '2026999999' },
  },
  outdoors: {
    ok: { outdoorsCardNumber: '708158004417293' },
    expiringSoon: { outdoorsCardNumber: '708158009981645' },
    /** Expired more than a year ago: a new card must be applied for, not renewed. */
    expired: { outdoorsCardNumber: '708158021774410' },
    cancelled: { outdoorsCardNumber: '708158030558127' },
    unknown: { outdoorsCardNumber: '708158999999999' },
  },
} as const;
