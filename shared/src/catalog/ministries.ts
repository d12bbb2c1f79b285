// The government bodies whose services the kiosks sell (docs/domain.md "The network"), with their names in
// English and French. The main screen lists services, not ministries; these names appear on receipts and reports.
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import type { Bilingual } from '../i18n/bilingual';

export const MINISTRY_IDS = [
  'transportation',
  'health',
  'natural-resources',
  'attorney-general',
  'city-ottawa',
  'city-toronto',
] as const;
export const MinistryId = z.enum(MINISTRY_IDS);
export type MinistryId = z.infer<typeof MinistryId>;

export interface Ministry {
  id: MinistryId;
  name: Bilingual;
}

export const MINISTRIES: readonly Ministry[] = [
  { id: 'transportation', name: { en: 'Ministry of Transportation', fr: 'ministère des Transports' } },
  { id: 'health', name: { en: 'Ministry of Health', fr: 'ministère de la Santé' } },
  { id: 'natural-resources', name: { en: 'Ministry of Natural Resources', fr: 'ministère des Richesses naturelles' } },
  { id: 'attorney-general', name: { en: 'Ministry of the Attorney General', fr: 'ministère du Procureur général' } },
  { id: 'city-ottawa', name: { en: 'City of Ottawa', fr: "Ville d'Ottawa" } },
  { id: 'city-toronto', name: { en: 'City of Toronto', fr: 'Ville de Toronto' } },
];

export function ministryById(id: string): Ministry {
  const ministry = MINISTRIES.find((m) => m.id === id);
  if (!ministry)
    throw new GuichetError('CATALOG_UNKNOWN_MINISTRY', `no ministry ${JSON.stringify(id)} in the catalog`, {
      details: { ministryId: id },
    });
  return ministry;
}
