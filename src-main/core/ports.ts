/**
 * The outside world as core sees it. Adapters (src-main/node, src-main/electron,
 * the browser host, tests) implement these; core never imports them directly.
 */
import type {
  AssociateSoftwareTokenCommandInput,
  AssociateSoftwareTokenCommandOutput,
  ConfirmDeviceCommandInput,
  ConfirmDeviceCommandOutput,
  ForgetDeviceCommandInput,
  ForgetDeviceCommandOutput,
  GetTokensFromRefreshTokenCommandInput,
  GetTokensFromRefreshTokenCommandOutput,
  GetUserCommandInput,
  GetUserCommandOutput,
  GlobalSignOutCommandInput,
  GlobalSignOutCommandOutput,
  InitiateAuthCommandInput,
  InitiateAuthCommandOutput,
  ListDevicesCommandInput,
  ListDevicesCommandOutput,
  RespondToAuthChallengeCommandInput,
  RespondToAuthChallengeCommandOutput,
  RevokeTokenCommandInput,
  RevokeTokenCommandOutput,
  SetUserMFAPreferenceCommandInput,
  SetUserMFAPreferenceCommandOutput,
  UpdateDeviceStatusCommandInput,
  UpdateDeviceStatusCommandOutput,
  VerifySoftwareTokenCommandInput,
  VerifySoftwareTokenCommandOutput,
  ForgotPasswordCommandInput,
  ForgotPasswordCommandOutput,
  ConfirmForgotPasswordCommandInput,
  ConfirmForgotPasswordCommandOutput,
  ChangePasswordCommandInput,
  ChangePasswordCommandOutput,
  SignUpCommandInput,
  SignUpCommandOutput,
  ConfirmSignUpCommandInput,
  ConfirmSignUpCommandOutput,
  ResendConfirmationCodeCommandInput,
  ResendConfirmationCodeCommandOutput,
  UpdateUserAttributesCommandInput,
  UpdateUserAttributesCommandOutput,
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
  VerifyUserAttributeCommandInput,
  VerifyUserAttributeCommandOutput,
  GetUserAuthFactorsCommandInput,
  GetUserAuthFactorsCommandOutput,
  ListUserSessionsCommandInput,
  ListUserSessionsCommandOutput,
  RevokeUserSessionCommandInput,
  RevokeUserSessionCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';

type Output<T> = Omit<T, '$metadata'>;

export interface CognitoOperations {
  InitiateAuth: [InitiateAuthCommandInput, Output<InitiateAuthCommandOutput>];
  RespondToAuthChallenge: [
    RespondToAuthChallengeCommandInput,
    Output<RespondToAuthChallengeCommandOutput>,
  ];
  AssociateSoftwareToken: [
    AssociateSoftwareTokenCommandInput,
    Output<AssociateSoftwareTokenCommandOutput>,
  ];
  VerifySoftwareToken: [VerifySoftwareTokenCommandInput, Output<VerifySoftwareTokenCommandOutput>];
  SetUserMFAPreference: [
    SetUserMFAPreferenceCommandInput,
    Output<SetUserMFAPreferenceCommandOutput>,
  ];
  ConfirmDevice: [ConfirmDeviceCommandInput, Output<ConfirmDeviceCommandOutput>];
  UpdateDeviceStatus: [UpdateDeviceStatusCommandInput, Output<UpdateDeviceStatusCommandOutput>];
  ListDevices: [ListDevicesCommandInput, Output<ListDevicesCommandOutput>];
  ForgetDevice: [ForgetDeviceCommandInput, Output<ForgetDeviceCommandOutput>];
  GetUser: [GetUserCommandInput, Output<GetUserCommandOutput>];
  GlobalSignOut: [GlobalSignOutCommandInput, Output<GlobalSignOutCommandOutput>];
  RevokeToken: [RevokeTokenCommandInput, Output<RevokeTokenCommandOutput>];
  GetTokensFromRefreshToken: [
    GetTokensFromRefreshTokenCommandInput,
    Output<GetTokensFromRefreshTokenCommandOutput>,
  ];
  ForgotPassword: [ForgotPasswordCommandInput, Output<ForgotPasswordCommandOutput>];
  ConfirmForgotPassword: [
    ConfirmForgotPasswordCommandInput,
    Output<ConfirmForgotPasswordCommandOutput>,
  ];
  ChangePassword: [ChangePasswordCommandInput, Output<ChangePasswordCommandOutput>];
  SignUp: [SignUpCommandInput, Output<SignUpCommandOutput>];
  ConfirmSignUp: [ConfirmSignUpCommandInput, Output<ConfirmSignUpCommandOutput>];
  ResendConfirmationCode: [
    ResendConfirmationCodeCommandInput,
    Output<ResendConfirmationCodeCommandOutput>,
  ];
  UpdateUserAttributes: [
    UpdateUserAttributesCommandInput,
    Output<UpdateUserAttributesCommandOutput>,
  ];
  GetUserAttributeVerificationCode: [
    GetUserAttributeVerificationCodeCommandInput,
    Output<GetUserAttributeVerificationCodeCommandOutput>,
  ];
  VerifyUserAttribute: [VerifyUserAttributeCommandInput, Output<VerifyUserAttributeCommandOutput>];
  GetUserAuthFactors: [GetUserAuthFactorsCommandInput, Output<GetUserAuthFactorsCommandOutput>];
  ListUserSessions: [ListUserSessionsCommandInput, Output<ListUserSessionsCommandOutput>];
  RevokeUserSession: [RevokeUserSessionCommandInput, Output<RevokeUserSessionCommandOutput>];
}

export type OperationName = keyof CognitoOperations;
export type InputOf<O extends OperationName> = CognitoOperations[O][0];
export type OutputOf<O extends OperationName> = CognitoOperations[O][1];

export interface CognitoTransport {
  call<O extends OperationName>(operation: O, input: InputOf<O>): Promise<OutputOf<O>>;
}

/** Secrets of any size, kept encrypted at rest; see node/envelope-secret-store. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Sets (a string) or deletes (null) many keys in one write: all of them
   * reach the disk or none does. Imports use it so 1,000 accounts cost one
   * rewrite of the store, not 1,000.
   */
  setMany(changes: ReadonlyMap<string, string | null>): Promise<void>;
  /** Keys that start with the prefix; values stay encrypted until asked for. */
  keys(prefix?: string): Promise<string[]>;
}

/** Methods may answer asynchronously: Electron's clipboard API is promise-based. */
export interface Clipboard {
  /** `concealed` asks the platform to keep the value out of clipboard history where it can. */
  writeText(text: string, options?: { concealed?: boolean }): void | Promise<void>;
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Notifier {
  notify(title: string, body: string): void;
}

/** Short strings in the OS keychain under one service name. */
export interface Keychain {
  get(account: string): Promise<string | undefined>;
  set(account: string, password: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/**
 * A schema-versioned JSON document kept by an adapter (node/json-state-file).
 * Updates run one at a time; the returned document is what reached the disk.
 */
export interface StateDocument<T> {
  readonly path: string;
  read(): Promise<T>;
  update(change: (draft: T) => T | void): Promise<T>;
  /** Resolves once every queued update has settled. */
  flush(): Promise<void>;
}

/** One JSON document of non-secret state, written atomically by its owner. */
export interface JsonDocument<T> {
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
}

/** The slice of the TOTP vault the Cognito engine uses for "use this computer as the authenticator". */
export interface TotpVault {
  /** Stores a SHA1 / 6-digit / 30 s TOTP secret (Base32); returns the vault's account id. */
  addTotp(account: { issuer: string; account: string; secret: string }): Promise<{ id: string }>;
  /** The account's current code, or undefined when the account no longer exists. */
  currentCode(id: string): Promise<string | undefined>;
  remove(id: string): Promise<void>;
}

export interface ProcessInfo {
  pid: number;
  /** Absolute executable path; 'unknown' where it cannot be read. */
  exe: string;
}

/** Who is on the other end of a CLI bridge connection. */
export interface CallerIdentity {
  /** The CLI process itself. */
  cli: ProcessInfo;
  /** The program that ran the CLI: what "allow always" is granted to. */
  program: ProcessInfo;
  /** The program's parent, e.g. the terminal or the scheduler. */
  parent?: ProcessInfo;
  /** Key for "allow always"; absent when the caller could not be verified. */
  key?: string;
  /** The CLI's working directory, as the kernel reports it. */
  cwd?: string;
  /** The CLI's controlling terminal ("/dev/pts/3"), when it has one. */
  tty?: string;
  /** The CLI's session id (setsid), on Linux. */
  sessionId?: number;
  /**
   * Key for "allow this terminal session": program, parent and terminal (or
   * session); absent when unverified or when there is neither.
   */
  sessionKey?: string;
}

/** The system's view of the user's presence (Electron's powerMonitor in the app). */
export interface IdleSource {
  /** Seconds since the last keyboard or mouse input, system-wide. */
  idleSeconds(): number;
  /**
   * Calls `listener` when the system suspends or locks its screen, where the
   * platform reports it. Returns a function that stops the calls.
   */
  onAway?(listener: () => void): () => void;
}

/**
 * Asks the user where to save a file (a save dialog) and writes it there.
 * Undefined when the user cancelled.
 */
export interface FileSaver {
  save(request: {
    title: string;
    suggestedName: string;
    data: Buffer;
  }): Promise<{ path: string } | undefined>;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The admin console's signed (IAM) Cognito operations; their operation map lives beside them. */
export type {
  AdminIdentity,
  AdminTarget,
  AdminTransport,
  AdminTransportFactory,
} from './admin/transport';

/**
 * The data folder held by one process at a time (the app for its lifetime,
 * or `cognito-auth --no-app` for one command). Stores call `ensureHeld`
 * before every read-modify-write.
 */
export interface DataFolderLock {
  readonly held: boolean;
  /** Takes the lock again if it was lost (e.g. after sleep); throws if another process has it. */
  ensureHeld(): Promise<void>;
  close(): Promise<void>;
}
