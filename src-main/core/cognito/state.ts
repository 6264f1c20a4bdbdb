/**
 * The engine's non-secret state: profiles, the selected one, which pool
 * username each typed alias resolved to, and which vault account holds a
 * user's TOTP secret. Secrets (client secrets, tokens, device keys) live in
 * the SecretStore instead; see keys.ts.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { JsonDocument } from '../ports';

const policySchema = z.object({
  minimumLength: z.number(),
  requireUppercase: z.boolean(),
  requireLowercase: z.boolean(),
  requireNumbers: z.boolean(),
  requireSymbols: z.boolean(),
});

export const storedProfileSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  region: z.string(),
  userPoolId: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  endpoint: z.string().optional(),
  authFlow: z.enum(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'USER_AUTH']),
  clientMetadata: z.record(z.string(), z.string()).optional(),
  analyticsEndpointId: z.string().optional(),
  userContextData: z.string().optional(),
  authSessionValidityMinutes: z.number().int().min(3).max(15),
  passwordPolicy: policySchema.optional(),
  adminCreateUserOnly: z.boolean().optional(),
  identityPool: z
    .object({ id: z.string(), region: z.string(), providerName: z.string() })
    .optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  selectedId: z.string().optional(),
  /** profileId → typed username → USER_ID_FOR_SRP. */
  aliases: z.record(z.string(), z.record(z.string(), z.string())),
  /** profileId → USER_ID_FOR_SRP → vault account id. */
  vaultLinks: z.record(z.string(), z.record(z.string(), z.string())),
  /** profileId → the username typed at the last successful sign-in (never a password). */
  lastUsernames: z.record(z.string(), z.string()).default({}),
});
export type CognitoState = z.infer<typeof stateSchema>;

export const emptyState = (): CognitoState => ({
  version: 1,
  profiles: [],
  aliases: {},
  vaultLinks: {},
  lastUsernames: {},
});

/** Serializes read-modify-write cycles so two IPC calls cannot lose each other's update. */
export class CognitoStateRepository {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly doc: JsonDocument<unknown>) {}

  async read(): Promise<CognitoState> {
    await this.queue.catch(() => undefined);
    return this.load();
  }

  update<T>(change: (state: CognitoState) => T): Promise<T> {
    const run = this.queue
      .catch(() => undefined)
      .then(async () => {
        const state = await this.load();
        const result = change(state);
        await this.doc.write(state);
        return result;
      });
    this.queue = run;
    return run;
  }

  private async load(): Promise<CognitoState> {
    const raw = await this.doc.read();
    if (raw === undefined) return emptyState();
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError({
        code: 'STATE_CORRUPT',
        message:
          'The saved sign-in profiles could not be read. Restore the state file from a backup or remove it to start over.',
        detail: parsed.error.issues[0]?.message,
      });
    }
    return parsed.data;
  }
}
