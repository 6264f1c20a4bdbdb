/**
 * Shared pieces of runtime validation (IPC payloads and bridge requests):
 * text that is well-formed Unicode, and error descriptions that never repeat
 * what the caller sent.
 *
 * zod's own messages quote unknown keys ("Unrecognized key: …", as long as
 * the key), and an issue's path runs through the keys of records, which are
 * the caller's too. So the message is chosen here from the issue's code, and
 * the path is kept only as far as it follows names the schema itself defines
 * (an error inside a record names the record).
 */
import { z } from 'zod';

/** A UTF-16 half without its other half: not text, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const BROKEN_TEXT_MESSAGE = 'The text holds a broken character (a lone UTF-16 surrogate).';

export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** A string schema for text that must be well-formed; use it for every new string field. */
export function text(): z.ZodString {
  return z.string().refine(isWellFormedText, BROKEN_TEXT_MESSAGE);
}

/**
 * Finds the first string (key or value) in a decoded payload that is not
 * well-formed text, so no channel's handler can be given one, whichever
 * string schema its fields use.
 */
export function findBrokenText(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return !isWellFormedText(value);
  if (Array.isArray(value)) return value.some((item) => findBrokenText(item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormedText(key) || findBrokenText(item, depth + 1)) return true;
    }
  }
  return false;
}

export interface InvalidInput {
  /** Plain words, with nothing of the input in them. */
  message: string;
  /** The schema's own name for the field, when the problem sits in one. */
  field?: string;
}

export function describeInvalid(schema: z.ZodType, error: z.ZodError): InvalidInput {
  const issue = error.issues[0];
  if (!issue) return { message: 'The request is not valid.' };
  const field = schemaPath(schema, issue.path).join('.');
  const message = issueMessage(issue);
  return field ? { field, message } : { message };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? 'Unknown field.' : `${issue.keys.length} unknown fields.`;
    case 'invalid_key':
      return 'A name in this list is not valid.';
    case 'invalid_element':
      return 'An item in this list is not valid.';
    default:
      // The schemas' own messages and zod's defaults for the remaining codes
      // describe the expectation (type, length, options), never the value;
      // they are capped all the same.
      return issue.message.slice(0, 300);
  }
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function schemaPath(root: z.ZodType, path: PropertyKey[]): (string | number)[] {
  const out: (string | number)[] = [];
  let schemas: z.ZodType[] = [root];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    let named = false;
    for (const schema of schemas.flatMap(unwrap)) {
      const def = defOf(schema);
      if (
        def.type === 'object' &&
        typeof segment === 'string' &&
        def.shape &&
        segment in def.shape
      ) {
        next.push(def.shape[segment] as z.ZodType);
        named = true;
      } else if (def.type === 'array' && typeof segment === 'number' && def.element) {
        next.push(def.element);
        named = true;
      }
    }
    if (!named) break;
    out.push(segment as string | number);
    schemas = next;
  }
  return out;
}

/** Looks through wrappers (optional, default, pipes) and into every option of a union. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}
