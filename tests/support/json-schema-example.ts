// A minimal plausible value for a JSON Schema (as the OpenAPI document describes parameters and bodies): required
// properties only, first enum value, bounds respected, instants in the near future (`start`/`from` before
// `end`/`to`), kiosk ids for fields that name a kiosk. Not a fuzzer: a request an honest client could send.
export type JsonSchema = Record<string, unknown>;

export interface ExampleContext {
  /** The fleet's first kiosk, for any field or parameter naming a kiosk. */
  kioskId: string;
  now: Date;
}

/** Later-sounding names get later instants, so a generated window or period is not backwards. */
function instantFor(name: string, now: Date): string {
  const hours = /end|to|until/i.test(name) ? 3 : /start|from|since/i.test(name) ? 2 : 1;
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

function stringExample(schema: JsonSchema, name: string, ctx: ExampleContext): string {
  const format = schema.format as string | undefined;
  if (format === 'date-time') return instantFor(name, ctx.now);
  if (format === 'date') return instantFor(name, ctx.now).slice(0, 10);
  if (format === 'email') return 'ops@example.org';
  if (format === 'uri' || format === 'url') return 'https://example.org/hook';
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 64;
  const candidates = [
    ...(/kiosk|^id$/i.test(name) ? [ctx.kioskId] : []),
    `matrix ${name || 'value'}`,
    'matrix-value',
    ctx.kioskId,
    'abc',
    '1',
  ];
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
  const fits = (v: string) => v.length >= min && v.length <= max && (!pattern || pattern.test(v));
  return candidates.find(fits) ?? 'x'.repeat(Math.max(1, min));
}

function numberExample(schema: JsonSchema): number {
  const integer = schema.type === 'integer';
  const min = schema.minimum as number | undefined;
  const exclusiveMin = schema.exclusiveMinimum as number | undefined;
  const max = schema.maximum as number | undefined;
  let value = min ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 0.5) : 1);
  if (max !== undefined && value > max) value = max;
  return integer ? Math.ceil(value) : value;
}

export function exampleOf(schema: unknown, ctx: ExampleContext, name = ''): unknown {
  if (!schema || typeof schema !== 'object') return {};
  const s = schema as JsonSchema;
  if ('const' in s) return s.const;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key] as JsonSchema[] | undefined;
    if (branches?.length) return exampleOf(branches.find((b) => b.type !== 'null') ?? branches[0], ctx, name);
  }
  if (Array.isArray(s.allOf))
    return Object.assign({}, ...(s.allOf as JsonSchema[]).map((part) => exampleOf(part, ctx, name) as object));
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, exampleOf(properties[key], ctx, key)]));
    }
    case 'array': {
      const minItems = (s.minItems as number | undefined) ?? 0;
      return Array.from({ length: minItems }, () => exampleOf(s.items, ctx, name));
    }
    case 'integer':
    case 'number':
      return numberExample(s);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return stringExample(s, name, ctx);
    default:
      return s.properties ? exampleOf({ ...s, type: 'object' }, ctx, name) : {};
  }
}
