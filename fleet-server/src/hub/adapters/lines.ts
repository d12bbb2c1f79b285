// Receipt/screen lines the adapters return: catalog keys with non-personal values (masked identifiers only).

export interface Line {
  label: string;
  value: string;
}

/** Keeps the last `visible` characters of an identifier, the rest as '•' (e.g. a plate or ticket on a receipt). */
export function mask(identifier: string, visible = 3): string {
  const compact = identifier.replace(/\s/g, '');
  if (compact.length <= visible) return compact;
  return '•'.repeat(compact.length - visible) + compact.slice(-visible);
}

/** YYYYMMDD → YYYY-MM-DD. */
export function isoFromCompact(date: string): string {
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}
