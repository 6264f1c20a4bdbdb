/**
 * The composition root: builds the core and the IPC router from the outside
 * world's adapters. The Electron entry (src-main/index.ts), the browser host
 * and the tests all call this, so they run exactly the same services;
 * `cognito-auth --no-app` builds its part of them with ./core.
 */
import type { AccessList } from '../core/cli-bridge/access-list';
import { AuditLog, auditEntryFor } from '../core/cli-bridge/audit-log';
import type { IdentityPoolPort } from '../core/cli-bridge/aws-credentials';
import { SessionGrants } from '../core/cli-bridge/session-grants';
import { createCliAuditFile } from '../node/cli-audit-file';
import { createAppBackend } from '../core/cli-bridge/app-backend';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { CallerApprovals } from '../core/cli-bridge/approvals';
import { ensureBearerToken } from '../core/cli-bridge/bearer-token';
import { createCallerIdentifier } from '../node/caller';
import type { CallerIdentifier } from '../node/caller';
import type { BridgeEndpoint } from '../node/endpoint';
import type { TokenValue, TokenType } from '../core/cli-bridge/protocol';
import { startBridgeServer } from '../node/bridge-server';
import type { BridgeServer } from '../node/bridge-server';
import { UiApprovalPrompt } from '../core/cli-bridge/ui-approval-prompt';
import { ClipboardPolicy } from '../core/clipboard-policy';
import type { Keychain } from '../core/ports';
import { AppLock } from '../core/lock/app-lock';
import { DEFAULT_IDLE_LOCK_MINUTES, IdleLock } from '../core/lock/idle-lock';
import type { IdleSource, UserVerifier } from '../core/ports';
import { TrayPins } from '../core/tray/pins';
import type { DemoPool } from '../core/cognito/profiles';
import type { CognitoService } from '../core/cognito/service';
import type { VaultService } from '../core/vault';
import { openCore } from './core';
import type { CoreDeps, StoreStorage } from './core';
import type { Timers } from '../core/clipboard-policy';
import { systemClock } from '../core/ports';
import type {
  Clipboard,
  Clock,
  DataFolderLock,
  FileSaver,
  Notifier,
  SecretStore,
} from '../core/ports';
import { createAccessList } from '../node/state-files';
import { sdkTransportFor } from '../node/cognito-transport';
import type { AppStateFile } from '../core/state/app-state';
import { DeskEnrollment } from '../core/admin/desk';
import { AdminService } from '../core/admin/service';
import { adminSettingsDocument } from '../core/admin/settings';
import type { AdminTransportFactory } from '../core/admin/transport';
import { createAuditFile } from '../node/audit-file';
import { createSdkAdminTransport } from '../node/admin-transport';
import { createVaultIo } from '../core/vault/vault-io';
import type { VaultIo } from '../core/vault/vault-io';
import type { EventName } from '../ipc/contract';
import { EventBus } from '../ipc/event-bus';
import { createHandlers } from '../ipc/handlers';
import { FolderLock } from '../node/data-folder-lock';
import { createRouter, LOCK_SCREEN_CHANNELS } from '../ipc/router';
import { Unlocker } from '../core/lock/unlock';
import type { CallContext } from '../ipc/router';
import type { Result } from '../ipc/contract';

export interface AppServicesDeps {
  /** Folder for the state file and the encrypted secrets file. */
  dataDir: string;
  /** A store, or a factory that gets the data-folder lock and the recovery notice to build it with. */
  secretStore: CoreDeps['secretStore'];
  /** The data-folder lock, when the caller took it already (else the app takes it and releases it on close). */
  dataLock?: DataFolderLock;
  clipboard: Clipboard;
  clock?: Clock;
  notifier?: Notifier;
  /** Timers for the clipboard's auto-clear and the idle lock; tests pass fakes. */
  timers?: Timers;
  /** Where unexpected handler failures are logged. */
  logError?: (channel: string, error: unknown) => void;
  /** The embedded emulator's demo pool, when it is already listening (else call services.cognito.profiles.setDemoPool later). */
  demoPool?: DemoPool;
  /** When given, the app serves the `cognito-auth` CLI on this socket or pipe. */
  cliBridge?: CliBridgeDeps;
  /** The system's idle time for the idle lock; without it the setting is kept but inert. */
  idleSource?: IdleSource;
  /** The demo emulator's documented local key pair, for admin mode on the demo pool. */
  demoAdminCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Default: AWS SDK v3 signed with the admin's AWS credentials. */
  adminTransportFor?: AdminTransportFactory;
  /** Cognito Identity for AWS credentials; default: AWS SDK v3 to the profile's endpoint or region. */
  identityPool?: IdentityPoolPort;
  /** The OS's own user check for unlocking (Touch ID); without it, the unlock passphrase. */
  userVerifier?: UserVerifier;
  /** Save dialogs for backups and exports; without it they report that saving is unavailable. */
  fileSaver?: FileSaver;
}

export interface CliBridgeDeps {
  endpoint: BridgeEndpoint;
  /** Holds the CLI's bearer token (the CLI reads it from there too). */
  keychain: Keychain;
  /** Default: /proc and `ss` on Linux, unverified elsewhere. */
  identifier?: CallerIdentifier;
  /** How long a CLI approval question waits for an answer before it is denied. */
  approvalTimeoutMs?: number;
}

export interface Services extends VaultIo {
  fileSaver?: FileSaver;
  state: AppStateFile;
  secrets: SecretStore;
  clipboard: ClipboardPolicy;
  vault: VaultService;
  cognito: CognitoService;
  events: EventBus;
  clock: Clock;
  notifier: Notifier | undefined;
  lock: AppLock;
  idleLock: IdleLock;
  trayPins: TrayPins;
  cliAccess: AccessList;
  cliApprovals: UiApprovalPrompt;
  admin: AdminService;
  desk: DeskEnrollment;
  /** "Allow this terminal session" grants; ended on lock. */
  cliSessions: SessionGrants;
  cliAudit: AuditLog;
  unlocker: Unlocker;
  /** Tokens and codes for the CLI and the tray; refuses while locked. */
  cliBackend: BridgeBackend & {
    tokenById(profileId: string, type: TokenType): Promise<TokenValue>;
  };
}

export interface AppServices {
  dispatch(channel: string, payload: unknown, ctx?: CallContext): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /** Takes back a copied code and waits for pending writes; call on quit. */
  close(): Promise<void>;
  services: Services;
}

export async function createAppServices(deps: AppServicesDeps): Promise<AppServices> {
  const clock = deps.clock ?? systemClock;
  const events = new EventBus();
  const dataLock =
    deps.dataLock ?? (await FolderLock.acquire(deps.dataDir, { waitForStale: true }));
  const storage: StoreStorage = {
    lock: dataLock,
    // Said where the user sees it: the last change before the damage may be missing.
    onRecovered: (message) => {
      deps.logError?.('storage', new Error(message));
      deps.notifier?.notify('Cognito Authenticator', message);
    },
  };
  const clipboard = new ClipboardPolicy(deps.clipboard, { timers: deps.timers });
  const core = openCore({
    dataDir: deps.dataDir,
    storage,
    secretStore: deps.secretStore,
    clipboard,
    clock,
    identityPool: deps.identityPool,
    onVaultChanged: () => events.emit('vault:changed', {}),
    onAuthChanged: (profileId, reason) => events.emit('auth:changed', { profileId, reason }),
    onProfilesChanged: () => events.emit('profiles:changed', {}),
  });
  const { state, vault, cognito, awsCredentials, secrets: secretStore } = core;
  // A damaged state file must not stop the app from starting: the vault's
  // calls report it to the user, and the clipboard uses its default delay.
  const settings = await state.read().then(
    (s) => s.settings,
    () => undefined,
  );
  if (settings?.clipboardClearSeconds !== undefined) {
    clipboard.setClearDelay(settings.clipboardClearSeconds);
  }
  if (deps.demoPool) cognito.profiles.setDemoPool(deps.demoPool);
  // Signed-in profiles stay signed in across restarts: their refreshes are re-armed here.
  // An unreadable secrets file must not stop the app; the sign-in screens report it.
  await cognito
    .startAutoRefresh()
    .catch((error: unknown) => deps.logError?.('auth:autoRefresh', error));

  const lock = new AppLock();
  const cliApprovals = new UiApprovalPrompt({
    requested: (event) => events.emit('cli:approvalRequested', event),
    settled: (event) => events.emit('cli:approvalSettled', event),
    timeoutMs: deps.cliBridge?.approvalTimeoutMs,
    now: () => clock.now(),
  });
  const cliSessions = new SessionGrants(clock);
  const cliAudit = new AuditLog(
    createCliAuditFile(deps.dataDir),
    () => events.emit('cliAudit:changed', {}),
    (error) => deps.logError?.('cli-audit', error),
  );
  lock.onChange(async (locked) => {
    if (locked) {
      cliApprovals.denyAll();
      cliSessions.clear();
      await clipboard.clearNow();
    }
    events.emit('lock:changed', { locked });
  });
  const idleLock = new IdleLock({
    lock,
    source: deps.idleSource,
    minutes: settings?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
    timers: deps.timers,
    onError: (error) => deps.logError?.('lock:idle', error),
  });
  idleLock.start();
  const cliAccess = createAccessList(
    deps.dataDir,
    {
      now: () => clock.now(),
      onChanged: () => events.emit('cli:accessChanged', {}),
    },
    storage,
  );
  const cliBackend = createAppBackend({
    cognito,
    vault,
    clock,
    isLocked: () => lock.locked,
    awsCredentials,
  });

  const admin = new AdminService({
    profile: (id) => cognito.profiles.get(id),
    settings: adminSettingsDocument(state),
    transportFor:
      deps.adminTransportFor ??
      ((target) =>
        createSdkAdminTransport(target, {
          ...(deps.demoAdminCredentials ? { demoCredentials: deps.demoAdminCredentials } : {}),
        })),
    audit: createAuditFile(deps.dataDir),
    clock,
  });
  const desk = new DeskEnrollment({
    admin,
    profile: (id) => cognito.profiles.get(id),
    signInTransportFor: sdkTransportFor,
    clock,
  });
  const vaultIo = createVaultIo({
    vault,
    secrets: secretStore,
    state,
    clock,
    onChanged: () => events.emit('vault:changed', {}),
    applySettings: async (restored) => {
      if (typeof restored.clipboardClearSeconds === 'number') {
        clipboard.setClearDelay(restored.clipboardClearSeconds);
      }
      if (typeof restored.idleLockMinutes === 'number') {
        idleLock.setMinutes(restored.idleLockMinutes);
      }
    },
  });

  const services: Services = {
    ...vaultIo,
    ...(deps.fileSaver ? { fileSaver: deps.fileSaver } : {}),
    state,
    secrets: secretStore,
    clipboard,
    vault,
    cognito,
    events,
    clock,
    notifier: deps.notifier,
    lock,
    idleLock,
    trayPins: new TrayPins(state, () => events.emit('tray:pinsChanged', {})),
    cliAccess,
    cliApprovals,
    cliSessions,
    cliAudit,
    cliBackend,
    admin,
    desk,
    unlocker: new Unlocker({ lock, state, verifier: deps.userVerifier }),
  };
  const router = createRouter(createHandlers(services), {
    logError: deps.logError,
    isLocked: () => lock.locked,
    allowedWhileLocked: LOCK_SCREEN_CHANNELS,
  });

  let bridge: BridgeServer | undefined;
  if (deps.cliBridge) {
    const cliBridge = deps.cliBridge;
    const logError =
      deps.logError ?? ((channel: string, error: unknown) => console.error(`[${channel}]`, error));
    // Without its CLI channel the app is still useful: the failure is logged
    // and `cognito-auth` reports the app as not running.
    bridge = await ensureBearerToken(cliBridge.keychain)
      .then((bearerToken) =>
        startBridgeServer({
          endpoint: cliBridge.endpoint,
          bearerToken,
          backend: cliBackend,
          identifier: cliBridge.identifier ?? createCallerIdentifier(),
          approvals: new CallerApprovals(cliAccess, cliApprovals, cliSessions),
          audit: (record) => cliAudit.record(auditEntryFor(record, clock.now())),
          isLocked: () => lock.locked,
          logError: (message, error) => logError(`cli-bridge: ${message}`, error),
        }),
      )
      .catch((error: unknown) => {
        logError('cli-bridge: could not start', error);
        return undefined;
      });
  }

  return {
    dispatch: (channel, payload, ctx) => router.dispatch(channel, payload, ctx),
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      idleLock.stop();
      cliApprovals.denyAll();
      await bridge?.close();
      await desk.closeAll();
      core.stop();
      admin.stop();
      try {
        await clipboard.clearNow();
      } finally {
        await state.flush();
        if (!deps.dataLock) await dataLock.close();
      }
    },
    services,
  };
}
