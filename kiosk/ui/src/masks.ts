// Input masks: what a field accepts as the citizen types (case, allowed characters, length, spacing). No
// validation beyond this: whether a number is right is the bridge's (the shared schema) and the ministry's.
import type { FieldKind } from '../../src/ui-bridge/screen-protocol';

export function mask(kind: FieldKind, raw: string, maxLength: number): string {
  const upper = raw.toUpperCase();
  switch (kind) {
    case 'plate':
      return upper.replace(/[^A-Z0-9 ]/g, '').slice(0, maxLength);
    case 'licence':
    case 'ticket':
      return upper.replace(/[^A-Z0-9-]/g, '').slice(0, maxLength);
    case 'health-card':
      return upper.replace(/[^A-Z0-9]/g, '').slice(0, maxLength);
    case 'outdoors-card':
      return raw.replace(/\D/g, '').slice(0, maxLength);
    case 'postal-code': {
      const compact = upper.replace(/[^A-Z0-9]/g, '').slice(0, 6);
      return compact.length > 3 ? `${compact.slice(0, 3)} ${compact.slice(3)}` : compact;
    }
    case 'text':
    case 'choice':
      return raw.slice(0, maxLength);
  }
}

/** Which on-screen keyboard a field wants. */
export function keyboardFor(kind: FieldKind): 'digits' | 'full' | null {
  if (kind === 'outdoors-card') return 'digits';
  if (kind === 'choice') return null;
  return 'full';
}

export function inputModeFor(kind: FieldKind): 'numeric' | 'text' {
  return kind === 'outdoors-card' ? 'numeric' : 'text';
}
