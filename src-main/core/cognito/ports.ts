/**
 * What the Cognito engine needs from the rest of the app, beyond the shared
 * ports in core/ports.ts. Composition wires them to the state file and the
 * vault; tests pass in-memory versions.
 */

/** One JSON document of non-secret state, written atomically by its owner. */
export interface JsonDocument<T> {
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
}

/** The slice of the TOTP vault the engine uses for "use this computer as the authenticator". */
export interface TotpVault {
  /** Stores a SHA1 / 6-digit / 30 s TOTP secret (Base32); returns the vault's account id. */
  addTotp(account: { issuer: string; account: string; secret: string }): Promise<{ id: string }>;
  /** The account's current code, or undefined when the account no longer exists. */
  currentCode(id: string): Promise<string | undefined>;
  remove(id: string): Promise<void>;
}
