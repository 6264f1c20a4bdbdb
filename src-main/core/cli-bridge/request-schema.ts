/**
 * Runtime validation of bridge requests, the same way the IPC router
 * validates its payloads: zod, strict objects, bounded strings, and an
 * error that names the field but never echoes the value.
 */
import { z } from 'zod';
import { BRIDGE_PROTOCOL_VERSION, PROOF_NONCE } from './protocol';
import type { BridgeCall, BridgeRequest, ProofLine } from './protocol';
import { describeInvalid, text } from '../validation';

const name = text().min(1).max(200);

const call = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('token'),
      profile: name.optional(),
      type: z.enum(['id', 'access']),
    })
    .strict(),
  z.object({ method: z.literal('code'), account: name }).strict(),
  z.object({ method: z.literal('profiles') }).strict(),
  z.object({ method: z.literal('mfa-code'), account: name.optional() }).strict(),
  z.object({ method: z.literal('aws-credentials'), profile: name.optional() }).strict(),
  z
    .object({
      method: z.literal('exec-env'),
      profile: name.optional(),
      command: z.string().min(1).max(4096),
    })
    .strict(),
]);

const pid = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const bridgeRequestSchema = z
  .object({
    v: z.literal(BRIDGE_PROTOCOL_VERSION),
    id: text().max(64).optional(),
    auth: text().min(1).max(512),
    pid,
    call,
    proof: z.literal('socket').optional(),
  })
  .strict() satisfies z.ZodType<BridgeRequest>;

const proofLineSchema = z
  .object({
    v: z.literal(BRIDGE_PROTOCOL_VERSION),
    auth: z.string(),
    proved: z.string().regex(PROOF_NONCE),
  })
  .strict() satisfies z.ZodType<ProofLine>;

/** The nonce of a well-formed proof line (its key is checked before this). */
export function provedNonce(json: unknown): string | undefined {
  const parsed = proofLineSchema.safeParse(json);
  return parsed.success ? parsed.data.proved : undefined;
}

const claimsSchema = z.object({
  pid: pid.optional().catch(undefined),
  call: call.optional().catch(undefined),
});

/**
 * What a request says it is and who sent it, read even when its access key
 * is wrong or missing, so the refusal can be recorded; nothing else in it is
 * looked at.
 */
export function requestClaims(json: unknown): { call?: BridgeCall; pid?: number } {
  const claims: { call?: BridgeCall; pid?: number } = {};
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return claims;
  if (parsed.data.call) claims.call = parsed.data.call;
  if (parsed.data.pid) claims.pid = parsed.data.pid;
  return claims;
}

export type ParseOutcome = { ok: true; request: BridgeRequest } | { ok: false; message: string };

export function parseBridgeRequest(json: unknown): ParseOutcome {
  const parsed = bridgeRequestSchema.safeParse(json);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, message: describeInvalid(bridgeRequestSchema, parsed.error).message };
}
