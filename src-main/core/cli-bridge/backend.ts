/**
 * What the bridge needs from the rest of the app. Composition wires it to
 * the sign-in engine and the vault; the CLI's `--no-app` mode wires the same
 * port to a store it opens itself.
 *
 * Implementations throw AppError with one of the bridge error codes
 * (NOT_SIGNED_IN, NOT_FOUND, NETWORK, LOCKED) for expected failures.
 */
import type {
  AwsCredentialsValue,
  CodeValue,
  ExecEnvValue,
  ProfileSummary,
  TokenType,
  TokenValue,
} from './protocol';

export interface BridgeBackend {
  /** A token valid for at least a minute, refreshed first if needed. No profile: the default one. */
  getToken(profile: string | undefined, type: TokenType): Promise<TokenValue>;
  getCode(account: string): Promise<CodeValue>;
  listProfiles(): Promise<ProfileSummary[]>;
  /** No account: the only vault account, or an error naming the choices. */
  getMfaCode(account: string | undefined): Promise<CodeValue>;
  /** From the profile's identity pool; NO_IDENTITY_POOL when it has none. */
  getAwsCredentials(profile: string | undefined): Promise<AwsCredentialsValue>;
  /** Both tokens, and AWS credentials when the profile has an identity pool. */
  getExecEnv(profile: string | undefined): Promise<ExecEnvValue>;
}
