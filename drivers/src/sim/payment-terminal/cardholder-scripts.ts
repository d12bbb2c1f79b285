// The simulated card holder and the fault injection of the payment-terminal simulator, as data tables.
import { z } from 'zod';

/**
 * What the card holder does at the PIN pad, and what the terminal answers (message-table.ts): the POSLink
 * response code and message, and for a host decline the host's code (ISO 8583: 05 do not honour, 51
 * insufficient funds) and message.
 */
export const CARDHOLDER_SCRIPTS = {
  approve: { resultCode: '000000', resultMessage: 'OK', hostCode: '00', hostMessage: 'APPROVED', state: 'APPROVED' },
  decline: {
    resultCode: '000100',
    resultMessage: 'DECLINE',
    hostCode: '05',
    hostMessage: 'DECLINE',
    state: 'DECLINED',
  },
  'insufficient-funds': {
    resultCode: '000100',
    resultMessage: 'DECLINE',
    hostCode: '51',
    hostMessage: 'INSUFFICIENT FUNDS',
    state: 'DECLINED',
  },
  'pin-timeout': { resultCode: '100001', resultMessage: 'TIMEOUT', hostCode: '', hostMessage: '', state: 'DECLINED' },
  'card-removed': { resultCode: '100002', resultMessage: 'ABORTED', hostCode: '', hostMessage: '', state: 'DECLINED' },
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
 * answered), when `authorisationMs` > 0: a lookup is not answered at all (`busy`: a PAX terminal in a
 * transaction takes no other command), or answered as if the reference did not exist (`not-found`, 100023: the
 * local detail report holds completed transactions only; PROTOCOL.md).
 */
export const WhileAuthorising = z.enum(['not-found', 'busy']);
export type WhileAuthorising = z.infer<typeof WhileAuthorising>;

/**
 * How the simulated terminal behaves beyond the bytes: `poslink` is a PAX terminal running POSLink — it takes
 * no other command while a transaction is in progress (silent, not "busy"), its local detail report (R02) holds
 * completed transactions only (no declines), and an error or "not found" answer stops after the response
 * message. The only profile so far; the option exists so other terminals' behaviour can be added beside it.
 */
export const TerminalProfile = z.enum(['poslink']);
export type TerminalProfile = z.infer<typeof TerminalProfile>;

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
