// The service catalog: the six kiosk services of docs/domain.md "Services", what the citizen sees (EN/FR),
// which ministries own each, whether the convenience fee applies, where its price comes from, and how a
// transaction is delivered — change of address is one citizen action fanned out to three ministries.
// Prices are not here: they are the ministries' and live in a price list (price-list.ts), i.e. configuration.
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import { Bilingual } from '../i18n/bilingual';
import { MinistryId } from './ministries';

export const SERVICE_IDS = [
  'vehicle-sticker-renewal',
  'driver-record-abstract',
  'personalized-plates',
  'change-of-address',
  'fines-and-parking-tickets',
  'outdoors-card-renewal',
] as const;
export const ServiceId = z.enum(SERVICE_IDS);
export type ServiceId = z.infer<typeof ServiceId>;

/** One of the discrete transactions a fanned-out action produces: each ministry receives only its own. */
export const FanOutTransaction = z.object({ ministryId: MinistryId, record: Bilingual });

export const Delivery = z.discriminatedUnion('kind', [
  /** One transaction to the owning ministry. */
  z.object({ kind: z.literal('single'), ministryId: MinistryId }),
  /** One transaction to each listed ministry, all from one citizen action. */
  z.object({ kind: z.literal('fan-out'), transactions: z.array(FanOutTransaction).min(2) }),
  /** One transaction to the ministry or city that issued the ticket. */
  z.object({ kind: z.literal('by-issuer'), ministryIds: z.array(MinistryId).min(2) }),
]);
export type Delivery = z.infer<typeof Delivery>;

/**
 * Where the service amount comes from: the ministry's price list, the amount due on the citizen's ticket
 * (fines), or nothing (free).
 */
export const PriceSource = z.enum(['price-list', 'amount-due', 'free']);
export type PriceSource = z.infer<typeof PriceSource>;

export const Service = z.object({
  id: ServiceId,
  name: Bilingual,
  description: Bilingual,
  ministryIds: z.array(MinistryId).min(1),
  /** Whether the per-transaction convenience fee applies; its amount is in the fee schedule (money/fee-schedules.ts). */
  feeApplies: z.boolean(),
  priceSource: PriceSource,
  delivery: Delivery,
});
export type Service = z.infer<typeof Service>;

export const SERVICES: readonly Service[] = z.array(Service).parse([
  {
    id: 'vehicle-sticker-renewal',
    name: { en: 'Licence plate sticker renewal', fr: "Renouvellement de la vignette d'immatriculation" },
    description: {
      en: 'Renew your vehicle permit and get your licence plate validation sticker.',
      fr: "Renouvelez le certificat d'immatriculation de votre véhicule et obtenez votre vignette de validation.",
    },
    ministryIds: ['transportation'],
    feeApplies: true,
    priceSource: 'price-list',
    delivery: { kind: 'single', ministryId: 'transportation' },
  },
  {
    id: 'driver-record-abstract',
    name: { en: "Driver's record abstract", fr: 'Relevé du dossier de conducteur' },
    description: {
      en: 'Print an abstract of your driving record: licence status, convictions and suspensions.',
      fr: 'Imprimez un relevé de votre dossier de conducteur : statut du permis, condamnations et suspensions.',
    },
    ministryIds: ['transportation'],
    feeApplies: true,
    priceSource: 'price-list',
    delivery: { kind: 'single', ministryId: 'transportation' },
  },
  {
    id: 'personalized-plates',
    name: { en: 'Personalized licence plates', fr: "Plaques d'immatriculation personnalisées" },
    description: {
      en: 'Check that your choice of characters is available and order your personalized plates.',
      fr: 'Vérifiez si la combinaison de caractères choisie est libre et commandez vos plaques personnalisées.',
    },
    ministryIds: ['transportation'],
    feeApplies: true,
    priceSource: 'price-list',
    delivery: { kind: 'single', ministryId: 'transportation' },
  },
  {
    id: 'change-of-address',
    name: { en: 'Change of address', fr: "Changement d'adresse" },
    description: {
      en: "Update your address once for your driver's licence, health card and Outdoors Card. Free of charge.",
      fr: 'Mettez à jour votre adresse une seule fois pour votre permis de conduire, votre carte Santé et votre carte Plein air. Sans frais.',
    },
    ministryIds: ['transportation', 'health', 'natural-resources'],
    feeApplies: false,
    priceSource: 'free',
    delivery: {
      kind: 'fan-out',
      transactions: [
        { ministryId: 'transportation', record: { en: "driver's licence", fr: 'permis de conduire' } },
        { ministryId: 'health', record: { en: 'health card', fr: 'carte Santé' } },
        { ministryId: 'natural-resources', record: { en: 'Outdoors Card', fr: 'carte Plein air' } },
      ],
    },
  },
  {
    id: 'fines-and-parking-tickets',
    name: { en: 'Fines and parking tickets', fr: 'Amendes et contraventions de stationnement' },
    description: {
      en: 'Pay a provincial offence fine, or an Ottawa or Toronto parking ticket.',
      fr: "Payez une amende pour infraction provinciale ou une contravention de stationnement d'Ottawa ou de Toronto.",
    },
    ministryIds: ['attorney-general', 'city-ottawa', 'city-toronto'],
    feeApplies: true,
    priceSource: 'amount-due',
    delivery: { kind: 'by-issuer', ministryIds: ['attorney-general', 'city-ottawa', 'city-toronto'] },
  },
  {
    id: 'outdoors-card-renewal',
    name: { en: 'Outdoors Card renewal', fr: 'Renouvellement de la carte Plein air' },
    description: {
      en: 'Renew the Outdoors Card you need for fishing and hunting licences.',
      fr: 'Renouvelez la carte Plein air nécessaire à vos permis de pêche et de chasse.',
    },
    ministryIds: ['natural-resources'],
    feeApplies: true,
    priceSource: 'price-list',
    delivery: { kind: 'single', ministryId: 'natural-resources' },
  },
]);

export function serviceById(id: string): Service {
  const service = SERVICES.find((s) => s.id === id);
  if (!service)
    throw new GuichetError('CATALOG_UNKNOWN_SERVICE', `no service ${JSON.stringify(id)} in the catalog`, {
      details: { serviceId: id },
    });
  return service;
}

/** The ministries that receive a transaction of this service (the fan-out's three for a change of address). */
export function recipientMinistries(service: Service): MinistryId[] {
  switch (service.delivery.kind) {
    case 'single':
      return [service.delivery.ministryId];
    case 'fan-out':
      return service.delivery.transactions.map((t) => t.ministryId);
    case 'by-issuer':
      return [...service.delivery.ministryIds];
  }
}
