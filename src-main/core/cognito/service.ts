/**
 * The Cognito engine as one object for the IPC handlers: profiles, sign-in
 * attempts, tokens (with background refresh), enrollment, MFA settings and
 * devices, all sharing one SecretStore, one state document and one
 * transport per endpoint.
 */
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import { systemClock } from '../ports';
import { DeviceManager, DeviceStore } from './devices';
import { MfaEnrollment } from './enrollment';
import { toAppError } from './errors';
import type { JsonDocument, TotpVault } from '../ports';
import { ProfileRegistry, assertRemovable } from './profiles';
import type { ProfileInput, ResolvedProfile } from './profiles';
import { SelfService } from './self-service';
import { SignInAttempt } from './sign-in';
import type { SignInAnswer } from './sign-in';
import { CognitoStateRepository } from './state';
import { TokenManager } from './tokens';
import type { CognitoTransport } from '../ports';
import { UserDirectory } from './user-directory';
import type {
  AuthStateView,
  AuthStepView,
  ProfileRemovalView,
  ProfilesView,
  ProfileView,
  SignedInView,
} from './views';

export type AuthChangeReason = 'signed-in' | 'refreshed' | 'signed-out' | 'expired';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CognitoServiceDeps {
  secrets: SecretStore;
  state: JsonDocument<unknown>;
  clock?: Clock;
  vault?: TotpVault;
  /** Production: node/cognito-transport's sdkTransportFor. */
  transportFor: (profile: ResolvedProfile) => CognitoTransport;
  /** What this computer is called as a Cognito device (production: node/device-name). */
  deviceName: string;
  random?: (size: number) => Buffer;
  timers?: Timers;
  onAuthChanged?: (profileId: string, reason: AuthChangeReason) => void;
  onProfilesChanged?: () => void;
}

/** Attempts kept for late calls (a double-clicked button); older ones are dropped. */
const MAX_ATTEMPTS = 16;
/** After a failed background refresh (network down), try again after this long. */
const REFRESH_RETRY_MS = 60_000;
/** Timers cannot wait longer than ~24.8 days; a longer wait is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const nodeTimers: Timers = {
  // unref: a pending refresh must not keep a CLI or test process alive.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class CognitoService {
  readonly profiles: ProfileRegistry;
  readonly tokens: TokenManager;
  readonly enrollment: MfaEnrollment;
  readonly devices: DeviceManager;
  readonly selfService: SelfService;
  private readonly deviceStore: DeviceStore;
  private readonly users: UserDirectory;
  private readonly clock: Clock;
  private readonly deviceName: string;
  private readonly transports = new Map<string, CognitoTransport>();
  private readonly attempts = new Map<string, SignInAttempt>();
  private readonly refreshTimers = new Map<string, unknown>();
  private autoRefresh = false;
  private readonly timers: Timers;

  constructor(private readonly deps: CognitoServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.timers = deps.timers ?? nodeTimers;
    this.deviceName = deps.deviceName;
    const state = new CognitoStateRepository(deps.state);
    this.profiles = new ProfileRegistry(state, deps.secrets);
    this.users = new UserDirectory(state);
    this.deviceStore = new DeviceStore(deps.secrets);
    const profile = (id: string) => this.profiles.get(id);
    const transport = (p: ResolvedProfile) => this.transport(p);
    this.tokens = new TokenManager({
      secrets: deps.secrets,
      clock: this.clock,
      profile,
      transport,
      onDeviceGone: (profileId, userId) => this.deviceStore.clear(profileId, userId),
      onChange: (profileId, reason) => {
        if (reason === 'signed-in' || reason === 'refreshed') this.scheduleRefresh(profileId);
        else this.cancelRefresh(profileId);
        deps.onAuthChanged?.(profileId, reason);
      },
    });
    this.enrollment = new MfaEnrollment({
      clock: this.clock,
      tokens: this.tokens,
      users: this.users,
      ...(deps.vault ? { vault: deps.vault } : {}),
      profile,
      transport,
      deviceName: this.deviceName,
    });
    this.selfService = new SelfService({ profile, transport, tokens: this.tokens });
    this.devices = new DeviceManager({
      store: this.deviceStore,
      tokens: this.tokens,
      profile,
      transport,
    });
  }

  // ------------------------------------------------------------------ sign-in

  async startSignIn(profileId: string, username: string, password?: string): Promise<AuthStepView> {
    const profile = await this.profiles.get(profileId);
    for (const a of this.attempts.values()) if (!a.finished) a.cancel();
    const demoCode = this.profiles.demoCodeReader(profile);
    const attempt = new SignInAttempt({
      profile,
      transport: this.transport(profile),
      clock: this.clock,
      devices: this.deviceStore,
      users: this.users,
      tokens: this.tokens,
      deviceName: this.deviceName,
      ...(this.deps.vault ? { vault: this.deps.vault } : {}),
      ...(this.deps.random ? { random: this.deps.random } : {}),
      ...(demoCode ? { demoCode } : {}),
    });
    this.attempts.set(attempt.id, attempt);
    while (this.attempts.size > MAX_ATTEMPTS)
      this.attempts.delete(this.attempts.keys().next().value as string);
    return attempt.start(username, password);
  }

  respond(attemptId: string, answer: SignInAnswer): Promise<AuthStepView> {
    return this.attempt(attemptId).respond(answer);
  }

  autofill(attemptId: string): Promise<AuthStepView> {
    return this.attempt(attemptId).autofill();
  }

  restart(attemptId: string): Promise<AuthStepView> {
    return this.attempt(attemptId).restart();
  }

  /** The attempt's MFA_SETUP key, for the clipboard policy. */
  setupKey(attemptId: string): string {
    return this.attempt(attemptId).setupKey();
  }

  rememberDevice(attemptId: string, remember: boolean): Promise<AuthStepView> {
    return this.attempt(attemptId).rememberDevice(remember);
  }

  cancel(attemptId: string): void {
    this.attempts.get(attemptId)?.cancel();
  }

  async authState(): Promise<AuthStateView> {
    const sessions: SignedInView[] = [];
    for (const id of await this.tokens.signedInProfiles()) {
      const s = await this.tokens.summary(id);
      if (s) sessions.push(s);
    }
    const current = [...this.attempts.values()].reverse().find((a) => a.awaitingUser);
    const lastUsernames = await this.users.lastUsernames();
    return {
      ...(current ? { attempt: current.view() } : {}),
      sessions,
      ...(Object.keys(lastUsernames).length > 0 ? { lastUsernames } : {}),
    };
  }

  // ------------------------------------------------------------------ sessions

  session(profileId: string): Promise<SignedInView | null> {
    return this.tokens.summary(profileId);
  }

  async refresh(profileId: string): Promise<SignedInView> {
    await this.tokens.refresh(profileId);
    const summary = await this.tokens.summary(profileId);
    if (!summary)
      throw new AppError({ code: 'NOT_SIGNED_IN', message: 'This profile is not signed in.' });
    return summary;
  }

  signOut(profileId: string): Promise<void> {
    return this.tokens.signOut(profileId);
  }

  signOutEverywhere(profileId: string): Promise<void> {
    return this.tokens.signOutEverywhere(profileId);
  }

  /** Keeps every signed-in profile's tokens fresh: each is refreshed a few minutes before it expires. */
  async startAutoRefresh(): Promise<void> {
    this.autoRefresh = true;
    for (const id of await this.tokens.signedInProfiles()) this.scheduleRefresh(id);
  }

  stop(): void {
    this.autoRefresh = false;
    for (const id of [...this.refreshTimers.keys()]) this.cancelRefresh(id);
    this.stopTransports();
  }

  private stopTransports(): void {
    for (const t of this.transports.values()) (t as { destroy?: () => void }).destroy?.();
    this.transports.clear();
  }

  // ------------------------------------------------------------------ profiles (changes announced)

  async addProfile(input: ProfileInput): Promise<ProfileView> {
    return this.announce(await this.profiles.add(input));
  }

  async updateProfile(profileId: string, input: ProfileInput): Promise<ProfileView> {
    const view = await this.profiles.update(profileId, input);
    // The endpoint or region may have changed: build the transport afresh.
    this.stopTransports();
    return this.announce(view);
  }

  /**
   * Signs the profile out first (RevokeToken), so no live refresh token outlives it at the pool.
   * Revocation is best-effort: when it fails the profile is still removed, and the view says so.
   */
  async removeProfile(profileId: string): Promise<ProfileRemovalView> {
    assertRemovable(profileId);
    this.cancelRefresh(profileId);
    for (const a of this.attempts.values()) if (a.profileId === profileId) a.cancel();
    let revokeFailure: string | undefined;
    try {
      await this.tokens.signOut(profileId);
    } catch (e) {
      revokeFailure = toAppError(e).message;
    }
    const view = await this.profiles.remove(profileId);
    return this.announce(revokeFailure === undefined ? view : { ...view, revokeFailure });
  }

  async selectProfile(profileId: string): Promise<ProfilesView> {
    return this.announce(await this.profiles.select(profileId));
  }

  private announce<T>(value: T): T {
    this.deps.onProfilesChanged?.();
    return value;
  }

  // ------------------------------------------------------------------ internals

  private attempt(id: string): SignInAttempt {
    const attempt = this.attempts.get(id);
    if (!attempt)
      throw new AppError({
        code: 'ATTEMPT_NOT_FOUND',
        message: 'This sign-in is no longer open. Start again.',
      });
    return attempt;
  }

  private transport(profile: ResolvedProfile): CognitoTransport {
    const key = `${profile.region}|${profile.endpoint ?? ''}`;
    let t = this.transports.get(key);
    if (!t) {
      t = this.deps.transportFor(profile);
      this.transports.set(key, t);
    }
    return t;
  }

  private scheduleRefresh(profileId: string): void {
    if (!this.autoRefresh) return;
    const timers = this.timers;
    this.cancelRefresh(profileId);
    void this.tokens.refreshDueAt(profileId).then((due) => {
      if (due === undefined || !this.autoRefresh) return;
      const wait = Math.max(0, due - this.clock.now());
      const handle = timers.setTimeout(
        () => {
          this.refreshTimers.delete(profileId);
          if (wait > MAX_TIMER_MS) return this.scheduleRefresh(profileId);
          // Success reschedules through onChange; a refused token signs the profile out there too.
          this.tokens.refresh(profileId).catch((e: unknown) => {
            if (e instanceof AppError && e.retryable) {
              this.refreshTimers.set(
                profileId,
                timers.setTimeout(() => this.scheduleRefresh(profileId), REFRESH_RETRY_MS),
              );
            }
          });
        },
        Math.min(wait, MAX_TIMER_MS),
      );
      this.refreshTimers.set(profileId, handle);
    });
  }

  private cancelRefresh(profileId: string): void {
    const handle = this.refreshTimers.get(profileId);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.refreshTimers.delete(profileId);
  }
}
