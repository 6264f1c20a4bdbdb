/**
 * One sign-in attempt as an explicit state machine. `start` and `respond`
 * drive it; the steps that need no person (PASSWORD_VERIFIER,
 * DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, the MFA_SETUP association) run
 * inside those calls, so the wizard only ever sees steps a person answers.
 *
 * Keying: every call after the first uses USER_ID_FOR_SRP (the pool's
 * username), and so do the SRP hash, SECRET_HASH and the remembered-device
 * storage. The typed name is only used for the first call and the display.
 */
import type {
  AuthenticationResultType,
  ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { AuthSession } from './auth-session';
import type { ChallengeOutput } from './auth-session';
import {
  answerCustomChallenge,
  answerRejected,
  initiateCustomAuth,
  isAskedAgain,
} from './custom-challenge';
import type { DeviceStore } from './devices';
import { isSessionExpired, userFacing } from './errors';
import { answerFirstFactor, AVAILABLE, initiateChoiceAuth } from './choice-sign-in';
import { answerMfaChoice, answerMfaCode } from './mfa-challenges';
import { beginMfaSetup, verifyMfaSetup } from './mfa-setup-challenge';
import type { MfaSetup } from './mfa-setup-challenge';
import { newPasswordResponses } from './new-password';
import { answerPasswordVerifier, initiatePasswordAuth, initiateSrpAuth } from './password-auth';
import type { TotpVault } from '../ports';
import type { ResolvedProfile } from './profiles';
import { isPersonChallenge } from './sign-in-answers';
import type { PersonChallenge, SignInAnswer } from './sign-in-answers';
import { SignInDevice } from './sign-in-device';
import { protocol, unsupported } from './sign-in-errors';
import { createEphemeral } from './srp';
import type { SrpEphemeral } from './srp';
import {
  challengeStep,
  mfaSetupStep,
  rememberDeviceStep,
  sessionExpiredStep,
  signedInStep,
} from './step-views';
import { decodeJwtClaims, summarize } from './tokens';
import type { TokenManager } from './tokens';
import type { CognitoTransport } from '../ports';
import type { UserDirectory } from './user-directory';
import type { AuthStepView, DeviceOutcomeView, SignedInView, StepField } from './views';

export type { SignInAnswer } from './sign-in-answers';

export interface SignInDeps {
  profile: ResolvedProfile;
  transport: CognitoTransport;
  clock: Clock;
  devices: DeviceStore;
  users: UserDirectory;
  tokens: TokenManager;
  vault?: TotpVault;
  /** ConfirmDevice's DeviceName: host name and OS. */
  deviceName: string;
  random?: (size: number) => Buffer;
  /** Demo mode only: the code the embedded emulator sent, for the code step to show. */
  demoCode?: (username: string) => string | undefined;
}

type Phase =
  | { name: 'new' }
  | {
      name: 'challenge';
      kind: PersonChallenge;
      params: Record<string, string>;
      canAutofill: boolean;
    }
  | ({ name: 'mfa-setup' } & MfaSetup)
  | { name: 'expired' }
  | {
      name: 'remember-device';
      device: DeviceOutcomeView;
      signedIn: SignedInView;
      accessToken: string;
      deviceKey: string;
    }
  | { name: 'signed-in'; device: DeviceOutcomeView; signedIn: SignedInView }
  | { name: 'failed' }
  | { name: 'cancelled' };

/** The challenges that are a second factor (or setting one up). */
const MFA_CHALLENGES = new Set<string>([
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
]);

export class SignInAttempt {
  readonly id = randomUUID();
  private phase: Phase = { name: 'new' };
  /** Held in main's memory until the attempt ends, so an expired Session restarts without retyping. */
  private password = '';
  private srp: SrpEphemeral | undefined;
  private pendingVaultLink: string | undefined;
  /** Whether Cognito asked for a second factor: only then can remembering skip one. */
  private askedForMfa = false;
  private busy = false;
  private readonly session: AuthSession;
  private readonly device: SignInDevice;
  private readonly random: (size: number) => Buffer;

  constructor(private readonly deps: SignInDeps) {
    this.random = deps.random ?? randomBytes;
    this.session = new AuthSession(deps.profile, deps.transport, deps.clock);
    this.device = new SignInDevice(
      {
        profileId: deps.profile.id,
        devices: deps.devices,
        deviceName: deps.deviceName,
        random: this.random,
      },
      this.session,
    );
  }

  get profileId(): string {
    return this.deps.profile.id;
  }

  /** Waiting for the person (a challenge, a choice, a restart): view() has a step to show. */
  get awaitingUser(): boolean {
    return (
      !this.busy &&
      ['challenge', 'mfa-setup', 'expired', 'remember-device'].includes(this.phase.name)
    );
  }

  /** Signed in, failed or cancelled: nothing more can happen. */
  get finished(): boolean {
    return ['signed-in', 'failed', 'cancelled'].includes(this.phase.name);
  }

  /** `password` is not used by CUSTOM_AUTH, where the pool's own challenges prove the user. */
  start(username: string, password = ''): Promise<AuthStepView> {
    return this.exclusive(['new', 'failed'], async () => {
      const flow = this.deps.profile.authFlow;
      if (flow !== 'CUSTOM_AUTH' && flow !== 'USER_AUTH' && password === '') {
        throw new AppError({
          code: 'PASSWORD_REQUIRED',
          message: 'Enter your password.',
          field: 'password',
        });
      }
      this.session.username = username.trim();
      this.password = password;
      await this.run();
    });
  }

  /** A fresh Session for the same profile and username (after SESSION_EXPIRED, or to start over). */
  restart(): Promise<AuthStepView> {
    return this.exclusive(['challenge', 'mfa-setup', 'expired'], async () => {
      await this.run();
    });
  }

  respond(answer: SignInAnswer): Promise<AuthStepView> {
    return this.exclusive(['challenge', 'mfa-setup'], async () => {
      const expected =
        this.phase.name === 'mfa-setup'
          ? 'MFA_SETUP'
          : this.phase.name === 'challenge'
            ? this.phase.kind
            : '';
      if (answer.kind !== expected) {
        throw new AppError({
          code: 'WRONG_STEP',
          message: `This sign-in is waiting for ${expected || 'nothing'}, not ${answer.kind}. Reload the step.`,
        });
      }
      await this.healingDevice(() => this.answer(answer));
    });
  }

  /** SOFTWARE_TOKEN_MFA with the user's secret in the vault: the app makes and submits the code. */
  autofill(): Promise<AuthStepView> {
    return this.exclusive(['challenge'], async () => {
      if (this.phase.name !== 'challenge' || this.phase.kind !== 'SOFTWARE_TOKEN_MFA') {
        throw new AppError({
          code: 'WRONG_STEP',
          message: 'Only an authenticator-app code can be filled in automatically.',
        });
      }
      const code = await this.vaultCode();
      if (code === undefined) {
        this.phase.canAutofill = false;
        throw new AppError({
          code: 'AUTOFILL_UNAVAILABLE',
          message:
            "This app's vault no longer holds the code for this user. Enter the code from your authenticator.",
          field: 'code',
        });
      }
      await this.answer({ kind: 'SOFTWARE_TOKEN_MFA', code });
    });
  }

  /** MFA_SETUP: the key being set up, so main can copy it under the clipboard policy. */
  setupKey(): string {
    if (this.phase.name !== 'mfa-setup')
      throw new AppError({
        code: 'NO_SETUP_KEY',
        message:
          'This sign-in is not setting up an authenticator any more, so there is no key to copy.',
      });
    return this.phase.secret;
  }

  /** The REMEMBER_DEVICE step: yes calls UpdateDeviceStatus; either way the result is shown. */
  rememberDevice(remember: boolean): Promise<AuthStepView> {
    return this.exclusive(['remember-device'], async () => {
      if (this.phase.name !== 'remember-device') return;
      const { signedIn, accessToken, deviceKey } = this.phase;
      const device = await this.device.choose(remember, accessToken, deviceKey);
      this.phase = { name: 'signed-in', device, signedIn };
      this.forgetPassword();
    });
  }

  cancel(): void {
    this.phase = { name: 'cancelled' };
    this.forgetPassword();
  }

  view(): AuthStepView {
    const base = {
      attemptId: this.id,
      profileId: this.profileId,
      username: this.session.username,
      canAutofill: false,
      fields: [] as StepField[],
    };
    const expiry =
      this.session.expiresAt !== undefined ? { sessionExpiresAt: this.session.expiresAt } : {};
    const p = this.phase;
    switch (p.name) {
      case 'challenge': {
        const step = challengeStep(p.kind, p.params, p.canAutofill, this.deps.profile);
        return { ...base, ...expiry, ...step, fields: this.withDemoCode(p.kind, step.fields) };
      }
      case 'mfa-setup':
        return { ...base, ...expiry, ...mfaSetupStep(p.options, p.setup, this.deps.deviceName) };
      case 'expired':
        return {
          ...base,
          ...sessionExpiredStep(
            this.deps.profile.authSessionValidityMinutes,
            this.deps.profile.authFlow,
          ),
        };
      case 'remember-device':
        return { ...base, ...rememberDeviceStep(p.device, p.signedIn, this.askedForMfa) };
      case 'signed-in':
        return { ...base, ...signedInStep(p.device, p.signedIn) };
      default:
        throw new AppError({
          code: 'NO_STEP',
          message: 'This sign-in has no step to show. Start again.',
        });
    }
  }

  private async exclusive(
    allowed: Phase['name'][],
    work: () => Promise<void>,
  ): Promise<AuthStepView> {
    if (this.busy)
      throw new AppError({
        code: 'BUSY',
        message: 'Still working on the previous step. Wait a moment.',
        retryable: true,
      });
    if (!allowed.includes(this.phase.name)) {
      throw new AppError({
        code: 'WRONG_STEP',
        message:
          this.phase.name === 'cancelled'
            ? 'This sign-in was cancelled. Start again.'
            : 'This sign-in is not at a step that accepts that. Reload the step.',
      });
    }
    this.busy = true;
    try {
      await work();
    } catch (e) {
      // A failure before any step was reached leaves nothing to answer.
      if (this.phase.name === 'new') this.phase = { name: 'failed' };
      if (isSessionExpired(e) || (e instanceof AppError && e.code === 'SESSION_EXPIRED')) {
        this.phase = { name: 'expired' };
        this.session.clearSession();
      } else {
        throw userFacing(e, this.session.errorContext());
      }
    } finally {
      this.busy = false;
    }
    return this.view();
  }

  /** From InitiateAuth through every automatic step. */
  private async run(): Promise<void> {
    await this.healingDevice(() => this.runOnce());
  }

  /**
   * A device forgotten on the server is dropped and the sign-in runs again
   * without it (the password held by the attempt makes that possible even
   * after a challenge was answered).
   */
  private async healingDevice(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!(await this.device.healIfGone(e))) throw e;
      await this.runOnce();
    }
  }

  private async runOnce(): Promise<void> {
    this.phase = { name: 'new' };
    this.session.clearSession();
    this.session.userId = undefined;
    this.device.reset();
    const flow: string = this.deps.profile.authFlow;
    // Checked at run time too: a hand-edited state file must not make us send ADMIN_NO_SRP_AUTH.
    if (
      flow !== 'USER_SRP_AUTH' &&
      flow !== 'USER_PASSWORD_AUTH' &&
      flow !== 'CUSTOM_AUTH' &&
      flow !== 'USER_AUTH'
    )
      throw unsupported(flow);
    const known = await this.deps.users.userIdFor(this.profileId, this.session.username);
    if (known) await this.device.loadFor(known);
    const out = await this.initiate(flow);
    await this.handle(out);
  }

  private initiate(
    flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH',
  ): Promise<ChallengeOutput> {
    switch (flow) {
      case 'USER_AUTH':
        return initiateChoiceAuth(this.session);
      case 'USER_PASSWORD_AUTH':
        return initiatePasswordAuth(this.session, this.password, this.device.key);
      case 'CUSTOM_AUTH':
        return initiateCustomAuth(this.session, this.device.key);
      case 'USER_SRP_AUTH':
        this.srp = createEphemeral(this.random);
        return initiateSrpAuth(this.session, this.srp);
    }
  }

  /** Runs automatic steps until a person is needed or the tokens arrive. */
  private async handle(first: ChallengeOutput): Promise<void> {
    let out = first;
    for (;;) {
      if (out.Session) this.session.setSession(out.Session);
      if (out.AuthenticationResult) return this.finish(out.AuthenticationResult);
      const name: ChallengeNameType | string | undefined = out.ChallengeName;
      const params = out.ChallengeParameters ?? {};
      // ADMIN_NO_SRP_AUTH is a server-side flow; answering it from a desktop client would be a bug.
      if (!name || name === 'ADMIN_NO_SRP_AUTH') throw unsupported(name);
      // A custom challenge names the pool's username USERNAME (the typed name may be an alias).
      const poolUser =
        params.USER_ID_FOR_SRP ?? (name === 'CUSTOM_CHALLENGE' ? params.USERNAME : undefined);
      if (poolUser) {
        this.session.userId = poolUser;
        await this.device.loadFor(poolUser);
      }

      if (MFA_CHALLENGES.has(name)) this.askedForMfa = true;
      if (name === 'PASSWORD_VERIFIER')
        out = await answerPasswordVerifier(
          this.session,
          params,
          this.password,
          this.srp,
          this.device.key,
        );
      else if (name === 'DEVICE_SRP_AUTH') out = await this.device.answerSrpAuth();
      else if (name === 'DEVICE_PASSWORD_VERIFIER')
        out = await this.device.answerPasswordVerifier(params);
      else if (name === 'MFA_SETUP') {
        this.phase = { name: 'mfa-setup', ...(await beginMfaSetup(this.session, params)) };
        return;
      } else if (name === 'SELECT_CHALLENGE') {
        this.phase = {
          name: 'challenge',
          kind: name,
          params: { ...params, [AVAILABLE]: JSON.stringify(out.AvailableChallenges ?? []) },
          canAutofill: false,
        };
        return;
      } else if (isPersonChallenge(name)) {
        const canAutofill = name === 'SOFTWARE_TOKEN_MFA' && (await this.vaultCode()) !== undefined;
        this.phase = { name: 'challenge', kind: name, params, canAutofill };
        return;
      } else throw unsupported(name);
    }
  }

  private async answer(answer: SignInAnswer): Promise<void> {
    this.session.assertAlive();
    switch (answer.kind) {
      case 'SMS_MFA':
      case 'EMAIL_OTP':
      case 'SMS_OTP':
      case 'SOFTWARE_TOKEN_MFA':
        return this.handle(await answerMfaCode(this.session, answer.kind, answer.code));
      case 'SELECT_CHALLENGE': {
        const params = this.phase.name === 'challenge' ? this.phase.params : {};
        if (answer.factor === 'PASSWORD') this.password = answer.password;
        const out = await answerFirstFactor(
          this.session,
          params,
          answer.factor,
          answer.password,
          () => (this.srp = createEphemeral(this.random)),
        );
        return this.handle(out);
      }
      case 'SELECT_MFA_TYPE': {
        const params = this.phase.name === 'challenge' ? this.phase.params : {};
        return this.handle(await answerMfaChoice(this.session, params, answer.mfaType));
      }
      case 'NEW_PASSWORD_REQUIRED':
        return this.answerNewPassword(answer.newPassword, answer.attributes);
      case 'CUSTOM_CHALLENGE':
        return this.answerCustom(answer.answer);
      case 'MFA_SETUP':
        return this.answerMfaSetup(answer);
    }
  }

  private async answerNewPassword(
    newPassword: string,
    attributes: Record<string, string>,
  ): Promise<void> {
    if (this.phase.name !== 'challenge') return;
    const responses = newPasswordResponses(this.phase.params, newPassword, attributes);
    const out = await this.session.respond('NEW_PASSWORD_REQUIRED', responses);
    this.password = newPassword;
    await this.handle(out);
  }

  /** A rejected answer is reported on the answer field with the new Session already in place. */
  private async answerCustom(answer: string): Promise<void> {
    if (this.phase.name !== 'challenge') return;
    const asked = this.phase.params;
    const out = await answerCustomChallenge(this.session, answer, () => {
      this.phase = { name: 'failed' };
    });
    const askedAgain = isAskedAgain(asked, out);
    await this.handle(out);
    if (askedAgain) throw answerRejected();
  }

  private async answerMfaSetup(
    answer: Extract<SignInAnswer, { kind: 'MFA_SETUP' }>,
  ): Promise<void> {
    if (this.phase.name !== 'mfa-setup') return;
    this.pendingVaultLink = await verifyMfaSetup(
      this.session,
      this.phase,
      answer,
      this.deps.vault,
      this.deps.deviceName,
    );
    await this.handle(await this.session.respond('MFA_SETUP', {}));
  }

  private async finish(result: AuthenticationResultType): Promise<void> {
    if (!result.AccessToken || !result.IdToken)
      throw protocol('AuthenticationResult without tokens');
    const claimedUser = decodeJwtClaims(result.IdToken)['cognito:username'];
    const userId =
      this.session.userId ??
      (typeof claimedUser === 'string' ? claimedUser : this.session.username);
    this.session.userId = userId;
    await this.deps.users.rememberAlias(this.profileId, this.session.username, userId);
    if (this.pendingVaultLink) {
      await this.deps.users.linkVaultAccount(this.profileId, userId, this.pendingVaultLink);
      this.pendingVaultLink = undefined;
    }

    const accessToken = result.AccessToken;
    const { outcome: device, deviceKey } = await this.device.settle(
      userId,
      accessToken,
      result.NewDeviceMetadata,
    );
    const stored = await this.deps.tokens.store(this.profileId, result, {
      userIdForSrp: userId,
      typedUsername: this.session.username,
      ...(deviceKey ? { deviceKey } : {}),
    });
    const signedIn = summarize(this.profileId, stored);
    if (device.status === 'awaiting-choice' && deviceKey) {
      this.phase = { name: 'remember-device', device, signedIn, accessToken, deviceKey };
    } else {
      this.phase = { name: 'signed-in', device, signedIn };
      this.forgetPassword();
    }
  }

  private async vaultCode(): Promise<string | undefined> {
    if (!this.deps.vault || !this.session.userId) return undefined;
    const id = await this.deps.users.vaultAccountFor(this.profileId, this.session.userId);
    return id ? this.deps.vault.currentCode(id) : undefined;
  }

  /** Nobody receives the demo pool's messages, so its code steps say what was sent. */
  private withDemoCode(kind: PersonChallenge, fields: StepField[]): StepField[] {
    if (kind !== 'SMS_MFA' && kind !== 'EMAIL_OTP' && kind !== 'SMS_OTP') return fields;
    const code = this.deps.demoCode?.(this.session.userId ?? this.session.username);
    if (code === undefined) return fields;
    return fields.map((f) =>
      f.name === 'code' ? { ...f, hint: `Demo mode: the demo pool sent the code ${code}.` } : f,
    );
  }

  private forgetPassword(): void {
    this.password = '';
  }
}
