// AIM symbology identifiers (ISO/IEC 15424): imagers can be programmed to send "]" + symbology letter + modifier
// digit before the data; PDF417 is "]L0"…"]L2". Guichet accepts payloads with or without one; with one, any
// symbology but PDF417 is not a licence.

export interface AimSplit {
  /** The symbology letter, when the payload starts with an AIM identifier. */
  symbology?: string;
  /** Where the barcode data starts. */
  dataAt: number;
}

export function splitAimIdentifier(payload: Uint8Array): AimSplit {
  const [bracket, letter, modifier] = [payload[0], payload[1], payload[2]];
  const isLetter = letter !== undefined && letter >= 0x41 && letter <= 0x5a;
  const isModifier =
    modifier !== undefined && ((modifier >= 0x30 && modifier <= 0x39) || (modifier >= 0x41 && modifier <= 0x5a));
  if (bracket === 0x5d && isLetter && isModifier) return { symbology: String.fromCharCode(letter), dataAt: 3 };
  return { dataAt: 0 };
}

export const PDF417_SYMBOLOGY = 'L';
