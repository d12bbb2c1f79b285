// The names of the parts of a kiosk that can fail, in both languages, as alerts say them (the device kinds of the
// protocol, and the network link the fleet watches itself).
import type { Bilingual } from '@guichet/shared';

const NAMES: Record<string, Bilingual> = {
  printer: { en: 'receipt printer', fr: 'imprimante de reçus' },
  paymentTerminal: { en: 'payment terminal', fr: 'terminal de paiement' },
  cardReader: { en: 'card reader', fr: 'lecteur de cartes' },
  idScanner: { en: 'licence barcode imager', fr: 'lecteur de code-barres des permis' },
  touchScreen: { en: 'touch screen', fr: 'écran tactile' },
  network: { en: 'network link (kiosk not heard from)', fr: 'liaison réseau (borne muette)' },
};

/** The components' names joined, in one language; an unknown component keeps its code. */
export function componentNames(components: readonly string[], lang: keyof Bilingual): string {
  return components.map((c) => NAMES[c]?.[lang] ?? c).join(', ');
}
