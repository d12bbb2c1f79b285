// The simulated card holder and the fault injection of the payment-terminal simulator, as data tables.
import { z } from 'zod';

/** What the card holder does at the PIN pad, and the result code the terminal answers (message-table.ts). */
export const CARDHOLDER_SCRIPTS = {
  approve: { resultCode: '000000', state: 'APPROVED' },
  decline: { resultCode: '000100', state: 'DECLINED' },
  'insufficient-funds': { resultCode: '000101', state: 'DECLINED' },
  'pin-timeout': { resultCode: '100001', state: 'DECLINED' },
  'card-removed': { resultCode: '100002', state: 'DECLINED' },
} as const;
export const CardholderScript = z.enum(
  Object.keys(CARDHOLDER_SCRIPTS) as [keyof typeof CARDHOLDER_SCRIPTS, ...(keyof typeof CARDHOLDER_SCRIPTS)[]],
);
export type CardholderScript = z.infer<typeof CardholderScript>;

/**
 * Faults: `garbage` noise before every byte the terminal sends; `nak-storm` NAKs every frame; `no-answer`
 * ignores everything; `late` answers after `lateMs`; `drop-after-auth` authorises, then never answers.
 */
export const TerminalFault = z.enum(['none', 'garbage', 'nak-storm', 'no-answer', 'late', 'drop-after-auth']);
export type TerminalFault = z.infer<typeof TerminalFault>;

/**
 * What the terminal answers about a sale it is still authorising (card holder at the PIN pad, host not yet
 * answered), when `authorisationMs` > 0: a query or void is answered busy (result code 100090), or as if the
 * reference did not exist (a terminal that records a sale only once it is authorised; PROTOCOL.md).
 */
export const WhileAuthorising = z.enum(['not-found', 'busy']);
export type WhileAuthorising = z.infer<typeof WhileAuthorising>;

export const SimulatedCard = z.object({
  brand: z.enum(['VISA', 'MC', 'AMEX', 'INTERAC']),
  last4: z.string().regex(/^\d{4}$/),
});
export type SimulatedCard = z.infer<typeof SimulatedCard>;

export const SIM_BRANDS = { visa: 'VISA', mastercard: 'MC', amex: 'AMEX', interac: 'INTERAC' } as const;

/** Test-card number prefixes (the public test BINs of each brand), completed with the card's last 4. */
const TEST_CARD_PREFIXES: Record<SimulatedCard['brand'], string> = {
  VISA: '424242424242',
  MC: '555555555555',
  AMEX: '37828224631',
  INTERAC: '450644500693',
};

/** The full number the simulated card carries: what a terminal reads from the chip and must never pass on. */
export function simulatedCardNumber(card: SimulatedCard): string {
  return `${TEST_CARD_PREFIXES[card.brand]}${card.last4}`;
}
