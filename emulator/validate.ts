/**
 * Request validation with AWS's wording: "1 validation error detected: Value
 * null at 'clientId' failed to satisfy constraint: Member must not be null".
 */
import { invalidParameter } from './errors.js';

export type Body = Record<string, unknown>;

const memberName = (field: string) => field.charAt(0).toLowerCase() + field.slice(1);

const fail = (field: string, value: unknown, constraint: string) =>
  invalidParameter(
    `1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${String(value)}'`} at '${memberName(field)}' failed to satisfy constraint: ${constraint}`,
  );

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

function checkString(field: string, value: unknown, rule: StringRule): string {
  if (typeof value !== 'string') throw invalidParameter(`${field} must be a string`);
  if (rule.min !== undefined && value.length < rule.min)
    throw fail(field, value, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max)
    throw fail(field, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    throw fail(
      field,
      value,
      `Member must satisfy regular expression pattern: ${rule.pattern.source}`,
    );
  return value;
}

export function requiredString(body: Body, field: string, rule: StringRule = { min: 1 }): string {
  const value = body[field];
  if (value === undefined || value === null) throw fail(field, value, 'Member must not be null');
  return checkString(field, value, rule);
}

export function optionalString(
  body: Body,
  field: string,
  rule: StringRule = {},
): string | undefined {
  const value = body[field];
  return value === undefined || value === null ? undefined : checkString(field, value, rule);
}

export function optionalEnum<T extends string>(
  body: Body,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !allowed.includes(value as T))
    throw fail(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value as T | undefined;
}

export function requiredEnum<T extends string>(
  body: Body,
  field: string,
  allowed: readonly T[],
): T {
  const value = optionalEnum(body, field, allowed);
  if (value === undefined) throw fail(field, value, 'Member must not be null');
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(`${field} must be a boolean`);
  return value;
}

export function optionalInteger(
  body: Body,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidParameter(`${field} must be an integer`);
  if (value < min)
    throw fail(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw fail(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalObject(body: Body, field: string): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParameter(`${field} must be an object`);
  return value as Body;
}

/** A string-to-string map such as AuthParameters; null values count as absent. */
export function stringMap(body: Body, field: string): Record<string, string> {
  const obj = optionalObject(body, field) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string') throw invalidParameter(`${field}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

export function optionalStringList(body: Body, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalidParameter(`${field} must be a list of strings`);
  return value as string[];
}

/** [{Name, Value}] as used by UserAttributes. */
export function attributeList(body: Body, field: string): Record<string, string> {
  const value = body[field];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw invalidParameter(`${field} must be a list of {Name, Value}`);
  const out: Record<string, string> = {};
  for (const item of value as unknown[]) {
    const entry = item as { Name?: unknown; Value?: unknown } | null;
    if (!entry || typeof entry.Name !== 'string' || entry.Name === '')
      throw invalidParameter(`${field} entries need a Name`);
    if (entry.Value !== undefined && typeof entry.Value !== 'string')
      throw invalidParameter(`${field}.${entry.Name} must be a string`);
    out[entry.Name] = (entry.Value as string | undefined) ?? '';
  }
  return out;
}

/** Cognito's own message for a missing auth or challenge parameter. */
export function requiredParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '')
    throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

export const POOL_ID = { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/ };
export const CLIENT_ID = { min: 1, max: 128, pattern: /^[\w+]+$/ };

export function requiredInteger(body: Body, field: string, min: number, max: number): number {
  const value = optionalInteger(body, field, min, max);
  if (value === undefined) throw fail(field, value, 'Member must not be null');
  return value;
}
