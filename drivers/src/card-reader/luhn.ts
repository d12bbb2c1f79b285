// Luhn (ISO/IEC 7812-1 annex B) check over ASCII digit bytes, so a PAN can be checked without becoming a string.
export function luhnValid(digits: Uint8Array): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const byte = digits[digits.length - 1 - i] as number;
    if (byte < 0x30 || byte > 0x39) return false;
    let d = byte - 0x30;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function luhnValidString(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnValid(Buffer.from(digits, 'latin1'));
}
