// Finds the line of a value inside a JSON text by its path (e.g. ["sites", 3, "timezone"]), so errors in the
// sites file of docs/sla.md can name the line of the offending site. Assumes the text is valid JSON.

function skipWs(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function skipString(text: string, i: number): number {
  i++; // opening quote
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index just past the value starting at i. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i]!;
      if (d === '"') {
        i = skipString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  return i;
}

/** Offset of the deepest value along `path` that exists in the text. */
export function locatePath(text: string, path: ReadonlyArray<PropertyKey>): number {
  let i = skipWs(text, 0);
  for (const key of path) {
    const open = text[i];
    if (open === '[' && typeof key === 'number') {
      let j = skipWs(text, i + 1);
      for (let n = 0; n < key && text[j] !== ']'; n++) j = skipWs(text, skipWs(text, skipValue(text, j)) + 1);
      if (text[j] === ']' || j >= text.length) return i;
      i = j;
    } else if (open === '{') {
      let j = skipWs(text, i + 1);
      let found = -1;
      while (j < text.length && text[j] === '"') {
        const end = skipString(text, j);
        const name = JSON.parse(text.slice(j, end)) as string;
        const valueAt = skipWs(text, skipWs(text, end) + 1); // past ':'
        if (name === String(key)) {
          found = valueAt;
          break;
        }
        j = skipWs(text, skipValue(text, valueAt));
        if (text[j] === ',') j = skipWs(text, j + 1);
      }
      if (found < 0) return i;
      i = found;
    } else {
      return i;
    }
  }
  return i;
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
