// Ontario health card from its magnetic tracks, following the ASSUMED layout in health-card-layout.ts.
import { HEALTH_CARD_LAYOUT as L } from './health-card-layout';
import { luhnValidString } from './luhn';
import { endOfMonth, isoDate, layoutError } from './track-fields';

export interface HealthCard {
  kind: 'health-card';
  healthNumber: string;
  versionCode: string;
  familyName: string;
  givenNames: string;
  expiry: string;
  birthDate: string;
}

/** True when a track's bytes start with this card's prefix (track 1 `%B610054`, track 2 `;610054`). */
export function hasHealthCardPrefix(track1: Uint8Array, track2: Uint8Array): boolean {
  const t1 = Buffer.from(`%${L.track1FormatCode}${L.issuerPrefix}`, 'latin1');
  const t2 = Buffer.from(`;${L.issuerPrefix}`, 'latin1');
  return Buffer.from(track1.subarray(0, t1.length)).equals(t1) || Buffer.from(track2.subarray(0, t2.length)).equals(t2);
}

/** `track1` and `track2` are the contents between the sentinels; track 2 is optional and cross-checked. */
export function parseHealthCard(track1: string, track2: string | undefined): HealthCard {
  const head = `${L.track1FormatCode}${L.issuerPrefix}`;
  if (!track1.startsWith(head)) throw layoutError('track 1 is not an Ontario health card');
  const [account = '', name = '', discretionary = ''] = track1.split(L.fieldSeparator);
  const healthNumber = account.slice(head.length);
  if (!/^\d+$/.test(healthNumber) || healthNumber.length !== L.healthNumberDigits)
    throw layoutError('the health number is not 10 digits');
  if (!luhnValidString(healthNumber)) throw layoutError('the health number fails its check digit');
  if (name.length === 0 || name.length > L.nameMax || !name.includes(L.nameSeparator))
    throw layoutError('the name field is not SURNAME/GIVEN');
  const fields: Record<string, string> = {};
  let at = 0;
  for (const field of L.discretionary) {
    fields[field.name] = discretionary.slice(at, at + field.width);
    at += field.width;
  }
  const versionCode = fields.versionCode ?? '';
  if (!/^[A-Z]{2}$/.test(versionCode)) throw layoutError('the version code is not two letters');
  const expiry = endOfMonth(fields.expiry ?? '');
  if (track2 !== undefined) {
    const expected = `${L.issuerPrefix}${healthNumber}${L.track2Separator}${fields.expiry}`;
    if (!track2.startsWith(expected)) throw layoutError('track 2 disagrees with track 1');
  }
  const [familyName = '', givenNames = ''] = name.split(L.nameSeparator);
  return {
    kind: 'health-card',
    healthNumber: `${healthNumber.slice(0, 4)}-${healthNumber.slice(4, 7)}-${healthNumber.slice(7)}`,
    versionCode,
    familyName: familyName.trim(),
    givenNames: givenNames.trim(),
    expiry,
    birthDate: isoDate(fields.birthDate ?? ''),
  };
}
