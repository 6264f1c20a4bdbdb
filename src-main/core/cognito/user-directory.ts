/**
 * Non-secret facts about the pool users of each profile: which pool username
 * (USER_ID_FOR_SRP) a typed alias resolved to last time, so the next sign-in
 * can find the remembered device before Cognito answers, and which vault
 * account holds the user's TOTP secret, so "fill the code" needs no guessing
 * from labels.
 */
import type { CognitoStateRepository } from './state';

// Exact, not lower-cased: pools can be case-sensitive, and two users must never share a hint.
const aliasKey = (typed: string) => typed.trim();

export class UserDirectory {
  constructor(private readonly state: CognitoStateRepository) {}

  async userIdFor(profileId: string, typedUsername: string): Promise<string | undefined> {
    return (await this.state.read()).aliases[profileId]?.[aliasKey(typedUsername)];
  }

  /** After a sign-in: the alias for device lookup, and the username to offer next time. */
  async rememberAlias(
    profileId: string,
    typedUsername: string,
    userIdForSrp: string,
  ): Promise<void> {
    const state = await this.state.read();
    const typed = aliasKey(typedUsername);
    if (
      state.aliases[profileId]?.[typed] === userIdForSrp &&
      state.lastUsernames[profileId] === typed
    )
      return;
    await this.state.update((s) => {
      (s.aliases[profileId] ??= {})[typed] = userIdForSrp;
      s.lastUsernames[profileId] = typed;
    });
  }

  async lastUsernames(): Promise<Record<string, string>> {
    return (await this.state.read()).lastUsernames;
  }

  async vaultAccountFor(profileId: string, userIdForSrp: string): Promise<string | undefined> {
    return (await this.state.read()).vaultLinks[profileId]?.[userIdForSrp];
  }

  async linkVaultAccount(
    profileId: string,
    userIdForSrp: string,
    vaultAccountId: string,
  ): Promise<void> {
    await this.state.update((s) => {
      (s.vaultLinks[profileId] ??= {})[userIdForSrp] = vaultAccountId;
    });
  }

  async unlinkVaultAccount(profileId: string, userIdForSrp: string): Promise<void> {
    await this.state.update((s) => {
      delete s.vaultLinks[profileId]?.[userIdForSrp];
    });
  }
}
