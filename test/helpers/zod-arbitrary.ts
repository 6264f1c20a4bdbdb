/**
 * fast-check arbitraries for fuzzing the app's boundaries: from a zod schema,
 * payloads that mostly have the schema's shape (so they reach the handlers)
 * with hostile text in every string (lone surrogates, control and
 * astral characters, over-long runs), plus unknown keys and values of the
 * wrong type now and then. Every generated string of 8 or more characters is
 * one a reply must never repeat.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type Check = {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
  value?: number;
  inclusive?: boolean;
};

type Def = {
  type: string;
  checks?: { _zod: { def: Check } }[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

const LONE = ['\ud800', '\udbff', '\udc00', '\udfff'];

/** Text a careless handler trips on. */
export function hostileString(maxLength = 64): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc
      .tuple(fc.string({ maxLength: 16 }), fc.constantFrom(...LONE), fc.string({ maxLength: 16 }))
      .map(([a, b, c]) => a + b + c),
    fc.constantFrom('%', '%E0%A4%A', '\u0000', '../../etc/passwd', '__proto__', 'constructor'),
    fc.string({ unit: 'binary-ascii', minLength: maxLength, maxLength: maxLength + 8 }),
  );
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = Math.min(checks.find((c) => c.check === 'max_length')?.maximum ?? 300, 300);
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
  const fitting = pattern
    ? fc.stringMatching(pattern)
    : fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: Math.max(min, max) });
  return fc.oneof({ arbitrary: fitting, weight: 2 }, { arbitrary: hostileString(max), weight: 2 });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const low = checks.find((c) => c.check === 'greater_than')?.value ?? -1e6;
  const high = checks.find((c) => c.check === 'less_than')?.value ?? 1e6;
  const min = Math.max(Math.ceil(low), -(2 ** 31));
  const max = Math.max(min, Math.min(Math.floor(high), 2 ** 31 - 1));
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 3 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(min - 1, max + 1, -0, Number.MAX_SAFE_INTEGER + 2), weight: 1 },
  );
}

/** Mostly schema-shaped values; `depth` stops runaway recursion. */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const shaped = shapedArbitrary(def, depth);
  if (depth > 3) return shaped;
  return fc.oneof(
    { arbitrary: shaped, weight: 12 },
    {
      arbitrary: fc.oneof(hostileString(), fc.integer(), fc.boolean(), fc.constant(null)),
      weight: 1,
    },
  );
}

function shapedArbitrary(def: Def, depth: number): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth), { nil: undefined });
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType, depth);
    case 'array': {
      const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum ?? 10;
      return fc.array(arbitraryFor(def.element as z.ZodType, depth + 1), {
        maxLength: Math.min(max + 1, 12),
      });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => arbitraryFor(o, depth)));
    case 'record':
      return fc.dictionary(
        stringArbitrary(defOf(def.keyType as z.ZodType)),
        arbitraryFor(def.valueType as z.ZodType, depth + 1),
        { maxKeys: 4 },
      );
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape ?? {}).map(([key, value]) => [
          key,
          arbitraryFor(value, depth + 1),
        ]),
      );
      const record = fc.record(shape, { requiredKeys: [] });
      return fc.oneof(
        { arbitrary: record, weight: 6 },
        {
          arbitrary: fc
            .tuple(record, hostileString(), fc.anything({ maxDepth: 1 }))
            .map(([value, key, extra]) => ({ ...(value as object), [key]: extra })),
          weight: 1,
        },
      );
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Every string in a value, keys included, long enough that finding it in a reply means it was echoed. */
export function echoableStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 8) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) echoableStrings(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.length >= 8) out.push(key);
      echoableStrings(item, out);
    }
  }
  return out;
}

/** The names and constants a schema defines itself: a reply may repeat those. */
export function schemaVocabulary(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = defOf(schema);
  for (const [key, value] of Object.entries(def.shape ?? {})) {
    out.add(key);
    schemaVocabulary(value, out);
  }
  for (const value of Object.values(def.entries ?? {})) out.add(String(value));
  for (const value of def.values ?? []) out.add(String(value));
  for (const inner of [def.innerType, def.in, def.element, def.valueType, def.keyType]) {
    if (inner) schemaVocabulary(inner, out);
  }
  for (const option of def.options ?? []) schemaVocabulary(option, out);
  return out;
}
