/**
 * The single source of truth for every IPC channel and event.
 *
 * Each request channel has a zod schema for its payload (validated in main
 * before any handler runs) and a response type (type-only: the renderer never
 * ships zod's parsers for responses). Each main→renderer event has a schema too.
 *
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import { channelNameList, eventNameList } from './names';
import type { ChannelNameFromList, EventNameFromList } from './names';
import type { CopyReceipt, VaultAccountView } from '../core/vault/types';

export interface ErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
  /** e.g. the AWS exception name, for the UI's details line. */
  detail?: string;
  /** The form field the error belongs to. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type, never read at runtime. */
  response?: Res;
}

function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

const id = z.string().min(1).max(200);
const shortText = z.string().max(200);

// ---------------------------------------------------------------- vault views

export type { CopyReceipt, OtpAlgorithm, OtpType, VaultAccountView } from '../core/vault/types';

const otpAlgorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);

export const manualAccountSchema = z.object({
  issuer: shortText,
  account: z.string().min(1, 'Enter the account name.').max(200),
  secret: z.string().min(1, 'Enter the secret key.').max(1024),
  type: z.enum(['totp', 'hotp']).default('totp'),
  algorithm: otpAlgorithm.default('SHA1'),
  digits: z.number().int().min(6).max(8).default(6),
  period: z.number().int().min(1).max(3600).default(30),
  counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});
export type ManualAccountInput = z.input<typeof manualAccountSchema>;

// ---------------------------------------------------------------- channels

export const channels = {
  // Vault (issue 2)
  'vault:list': channel<{ accounts: VaultAccountView[] }>()(z.object({}).strict()),
  'vault:addUri': channel<VaultAccountView>()(
    z.object({ uri: z.string().min(1, 'Paste an otpauth:// link.').max(4096) }).strict(),
  ),
  'vault:addManual': channel<VaultAccountView>()(manualAccountSchema.strict()),
  'vault:importQrImage': channel<VaultAccountView>()(
    z
      .object({
        fileName: shortText,
        /** The image file's bytes, base64. 10 MiB of image at most. */
        dataBase64: z.string().min(1).max(14_000_000),
      })
      .strict(),
  ),
  'vault:copyCode': channel<CopyReceipt>()(
    z.object({ id, which: z.enum(['current', 'next']).default('current') }).strict(),
  ),
  'vault:nextHotp': channel<VaultAccountView>()(z.object({ id }).strict()),
  'vault:rename': channel<VaultAccountView>()(
    z.object({ id, issuer: shortText, account: z.string().min(1).max(200) }).strict(),
  ),
  'vault:reorder': channel<{ ok: true }>()(z.object({ ids: z.array(id).max(10_000) }).strict()),
  'vault:delete': channel<{ ok: true }>()(z.object({ id }).strict()),

  // Sign-in, enrollment, devices, profiles (issue 4): added below this line.

  // Tray, clipboard settings, CLI access list (issue 5): added below this line.
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = NonNullable<Channels[C]['response']>;

// ---------------------------------------------------------------- events (main → renderer)

export const events = {
  /** Accounts were added, removed, renamed or reordered. */
  'vault:changed': z.object({}).strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/**
 * names.ts repeats the channel and event names without zod, for the preload.
 * This fails to compile, naming the odd ones out, when the two lists differ.
 */
type SameNames<A extends PropertyKey, B extends PropertyKey> = [
  Exclude<A, B> | Exclude<B, A>,
] extends [never]
  ? true
  : { 'add to or remove from names.ts': Exclude<A, B> | Exclude<B, A> };
export const namesMatchContract: [
  SameNames<ChannelName, ChannelNameFromList>,
  SameNames<EventName, EventNameFromList>,
] = [true, true];

export const channelNames: readonly ChannelName[] = channelNameList;
export const eventNames: readonly EventName[] = eventNameList;
