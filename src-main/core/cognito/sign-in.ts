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
  InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { createDeviceSecret } from './device-srp';
import type { DeviceStore, StoredDevice } from './devices';
import {
  exceptionMessage,
  exceptionName,
  isDeviceGone,
  isSessionExpired,
  toAppError,
  userFacing,
} from './errors';
import type { TotpVault } from './ports';
import type { ResolvedProfile } from './profiles';
import { secretHash } from './secret-hash';
import { createEphemeral, passwordClaim, poolNameOf } from './srp';
import type { SrpEphemeral } from './srp';
import {
  MFA_LABELS,
  codeField,
  isWritableAttribute,
  newPasswordFields,
  stripAttributePrefix,
} from './step-views';
import { decodeJwtClaims, summarize } from './tokens';
import type { TokenManager } from './tokens';
import { totpSetupView } from './totp-setup';
import type { CognitoTransport } from './transport';
import type { UserDirectory } from './user-directory';
import type {
  AuthStepView,
  DeviceOutcomeView,
  MfaType,
  SignedInView,
  StepField,
  TotpSetupView,
} from './views';

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
}

/** The answers a person gives, one per step kind. */
export type SignInAnswer =
  | { kind: 'SMS_MFA' | 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA'; code: string }
  | { kind: 'SELECT_MFA_TYPE'; mfaType: MfaType }
  | { kind: 'MFA_SETUP'; code?: string; useThisComputer: boolean; friendlyDeviceName: string }
  | { kind: 'NEW_PASSWORD_REQUIRED'; newPassword: string; attributes: Record<string, string> }
  | { kind: 'CUSTOM_CHALLENGE'; answer: string };

type PersonChallenge =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SELECT_MFA_TYPE'
  | 'NEW_PASSWORD_REQUIRED'
  | 'CUSTOM_CHALLENGE';

type Phase =
  | { name: 'new' }
  | {
      name: 'challenge';
      kind: PersonChallenge;
      params: Record<string, string>;
      canAutofill: boolean;
    }
  | { name: 'mfa-setup'; options: MfaType[]; secret: string; setup: TotpSetupView }
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

type ChallengeOutput = Pick<
  InitiateAuthCommandOutput,
  'ChallengeName' | 'ChallengeParameters' | 'Session' | 'AuthenticationResult'
>;

const PERSON_CHALLENGES = new Set<string>([
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'NEW_PASSWORD_REQUIRED',
  'CUSTOM_CHALLENGE',
]);
const MFA_TYPES = new Set<string>(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);

export class SignInAttempt {
  readonly id = randomUUID();
  private phase: Phase = { name: 'new' };
  private username = '';
  /** Held in main's memory until the attempt ends, so an expired Session restarts without retyping. */
  private password = '';
  private userId: string | undefined;
  private session: string | undefined;
  private sessionExpiresAt: number | undefined;
  /** The remembered device offered for this run, and whose device it is. */
  private device: StoredDevice | undefined;
  private deviceOwner: string | undefined;
  /** Set after "Device does not exist": the retry goes without a device. */
  private deviceHealed = false;
  private usedDevice = false;
  private srp: SrpEphemeral | undefined;
  private deviceSrp: SrpEphemeral | undefined;
  private pendingVaultLink: string | undefined;
  private busy = false;

  constructor(private readonly deps: SignInDeps) {}

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
      if (this.deps.profile.authFlow !== 'CUSTOM_AUTH' && password === '') {
        throw new AppError(
          'PASSWORD_REQUIRED',
          'Enter your password.',
          false,
          undefined,
          'password',
        );
      }
      this.username = username.trim();
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
        throw new AppError(
          'WRONG_STEP',
          `This sign-in is waiting for ${expected || 'nothing'}, not ${answer.kind}. Reload the step.`,
        );
      }
      await this.healingDevice(() => this.answer(answer));
    });
  }

  /** SOFTWARE_TOKEN_MFA with the user's secret in the vault: the app makes and submits the code. */
  autofill(): Promise<AuthStepView> {
    return this.exclusive(['challenge'], async () => {
      if (this.phase.name !== 'challenge' || this.phase.kind !== 'SOFTWARE_TOKEN_MFA') {
        throw new AppError(
          'WRONG_STEP',
          'Only an authenticator-app code can be filled in automatically.',
        );
      }
      const code = await this.vaultCode();
      if (code === undefined) {
        this.phase.canAutofill = false;
        throw new AppError(
          'AUTOFILL_UNAVAILABLE',
          "This app's vault no longer holds the code for this user. Enter the code from your authenticator.",
          false,
          undefined,
          'code',
        );
      }
      await this.answer({ kind: 'SOFTWARE_TOKEN_MFA', code });
    });
  }

  /** MFA_SETUP: the key being set up, so main can copy it under the clipboard policy. */
  setupKey(): string {
    if (this.phase.name !== 'mfa-setup')
      throw new AppError(
        'NO_SETUP_KEY',
        'This sign-in is not setting up an authenticator any more, so there is no key to copy.',
      );
    return this.phase.secret;
  }

  /** The REMEMBER_DEVICE step: yes calls UpdateDeviceStatus; either way the result is shown. */
  rememberDevice(remember: boolean): Promise<AuthStepView> {
    return this.exclusive(['remember-device'], async () => {
      if (this.phase.name !== 'remember-device') return;
      const { signedIn, accessToken, deviceKey } = this.phase;
      let device: DeviceOutcomeView;
      if (!remember) {
        device = {
          status: 'declined',
          usedRememberedDevice: false,
          message: 'This computer will not be remembered. You will be asked for MFA next time.',
        };
      } else {
        try {
          await this.deps.transport.call('UpdateDeviceStatus', {
            AccessToken: accessToken,
            DeviceKey: deviceKey,
            DeviceRememberedStatus: 'remembered',
          });
          const stored = this.userId
            ? await this.deps.devices.get(this.profileId, this.userId)
            : undefined;
          if (stored && this.userId)
            await this.deps.devices.set(this.profileId, this.userId, {
              ...stored,
              remembered: true,
            });
          device = {
            status: 'remembered',
            usedRememberedDevice: false,
            message: 'This computer is now remembered.',
          };
        } catch (e) {
          const error = toAppError(e, this.errorContext());
          device = {
            status: 'failed',
            usedRememberedDevice: false,
            message: `Remembering this computer failed: ${error.message}`,
            error: errorInfo(error),
          };
        }
      }
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
      username: this.username,
      canAutofill: false,
      fields: [] as StepField[],
    };
    const expiry =
      this.sessionExpiresAt !== undefined ? { sessionExpiresAt: this.sessionExpiresAt } : {};
    const p = this.phase;
    switch (p.name) {
      case 'challenge':
        return {
          ...base,
          ...expiry,
          ...challengeView(p.kind, p.params, p.canAutofill, this.deps.profile),
        };
      case 'mfa-setup':
        return {
          ...base,
          ...expiry,
          kind: 'MFA_SETUP',
          title: 'Set up your authenticator app',
          description:
            'Scan the QR code with your authenticator app (or type the key), then enter the 6-digit code it shows. Or let this computer be the authenticator.',
          mfaOptions: p.options,
          setup: p.setup,
          fields: [
            {
              name: 'useThisComputer',
              label: 'Use this computer as the authenticator',
              type: 'checkbox',
              required: false,
            },
            codeField('Code from your authenticator app'),
            {
              name: 'friendlyDeviceName',
              label: 'Name for this authenticator (optional)',
              type: 'text',
              required: false,
              value: this.deps.deviceName,
            },
          ],
        };
      case 'expired':
        return {
          ...base,
          kind: 'SESSION_EXPIRED',
          title: 'The sign-in session expired',
          description: `Cognito gives each sign-in step ${this.deps.profile.authSessionValidityMinutes} minutes. Start again: your username is kept and nothing is lost.`,
        };
      case 'remember-device':
        return {
          ...base,
          kind: 'REMEMBER_DEVICE',
          title: 'Remember this computer?',
          description: 'If you say yes, signing in here may skip the MFA step next time.',
          device: p.device,
          signedIn: p.signedIn,
          fields: [
            {
              name: 'remember',
              label: 'Remember this computer',
              type: 'checkbox',
              required: false,
            },
          ],
        };
      case 'signed-in':
        return {
          ...base,
          kind: 'SIGNED_IN',
          title: 'Signed in',
          description: `Signed in as ${p.signedIn.username}.`,
          device: p.device,
          signedIn: p.signedIn,
        };
      default:
        throw new AppError('NO_STEP', 'This sign-in has no step to show. Start again.');
    }
  }

  // ------------------------------------------------------------------ driving

  private async exclusive(
    allowed: Phase['name'][],
    work: () => Promise<void>,
  ): Promise<AuthStepView> {
    if (this.busy)
      throw new AppError('BUSY', 'Still working on the previous step. Wait a moment.', true);
    if (!allowed.includes(this.phase.name)) {
      throw new AppError(
        'WRONG_STEP',
        this.phase.name === 'cancelled'
          ? 'This sign-in was cancelled. Start again.'
          : 'This sign-in is not at a step that accepts that. Reload the step.',
      );
    }
    this.busy = true;
    try {
      await work();
    } catch (e) {
      // A failure before any step was reached leaves nothing to answer.
      if (this.phase.name === 'new') this.phase = { name: 'failed' };
      if (isSessionExpired(e) || (e instanceof AppError && e.code === 'SESSION_EXPIRED')) {
        this.phase = { name: 'expired' };
        this.session = undefined;
        this.sessionExpiresAt = undefined;
      } else {
        throw userFacing(e, this.errorContext());
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
   * "Device does not exist": the device was forgotten on the server, and stale
   * local keys would fail every sign-in. Clear them and sign in again, once,
   * without the device (the password held by the attempt makes that possible
   * even after a challenge was answered).
   */
  private async healingDevice(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!(isDeviceGone(e) && this.device && !this.deviceHealed)) throw e;
      if (this.deviceOwner) await this.deps.devices.clear(this.profileId, this.deviceOwner);
      this.deviceHealed = true;
      await this.runOnce();
    }
  }

  private async runOnce(): Promise<void> {
    this.phase = { name: 'new' };
    this.session = undefined;
    this.sessionExpiresAt = undefined;
    this.usedDevice = false;
    this.userId = undefined;
    this.device = undefined;
    this.deviceOwner = undefined;
    const flow: string = this.deps.profile.authFlow;
    // Checked at run time too: a hand-edited state file must not make us send ADMIN_NO_SRP_AUTH.
    if (flow !== 'USER_SRP_AUTH' && flow !== 'USER_PASSWORD_AUTH' && flow !== 'CUSTOM_AUTH')
      throw unsupported(flow);
    const known = await this.deps.users.userIdFor(this.profileId, this.username);
    if (known) await this.loadDevice(known);
    const out =
      flow === 'USER_PASSWORD_AUTH'
        ? await this.initiatePassword()
        : flow === 'CUSTOM_AUTH'
          ? await this.initiateCustom()
          : await this.initiateSrp();
    await this.handle(out);
  }

  private async initiateSrp(): Promise<ChallengeOutput> {
    this.srp = createEphemeral(this.random);
    return this.deps.transport.call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: this.deps.profile.clientId,
      AuthParameters: {
        USERNAME: this.username,
        SRP_A: this.srp.srpA,
        ...this.secretHash(this.username),
      },
      ...this.metadata(),
    });
  }

  private async initiatePassword(): Promise<ChallengeOutput> {
    return this.deps.transport.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: this.deps.profile.clientId,
      AuthParameters: {
        USERNAME: this.username,
        PASSWORD: this.password,
        ...(this.device ? { DEVICE_KEY: this.device.deviceKey } : {}),
        ...this.secretHash(this.username),
      },
      ...this.metadata(),
    });
  }

  /** No SRP_A: the password plays no part; the pool's triggers decide what to ask. */
  private async initiateCustom(): Promise<ChallengeOutput> {
    try {
      return await this.deps.transport.call('InitiateAuth', {
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: this.deps.profile.clientId,
        AuthParameters: {
          USERNAME: this.username,
          ...(this.device ? { DEVICE_KEY: this.device.deviceKey } : {}),
          ...this.secretHash(this.username),
        },
        ...this.metadata(),
      });
    } catch (e) {
      // DefineAuthChallenge failing at once looks like a wrong password, but none was typed.
      if (!isCustomAuthFailure(e)) throw e;
      throw new AppError(
        'CUSTOM_AUTH_REFUSED',
        'The pool refused to start a custom sign-in for this username. Check the username, or ask your administrator.',
        false,
        awsDetail(e),
        'username',
      );
    }
  }

  /**
   * Cognito never says whether a custom answer was right: the pool's
   * DefineAuthChallenge trigger ends the sign-in (NotAuthorizedException),
   * asks again, or issues tokens. The same question coming straight back is
   * read as "not accepted, try again", reported on the answer field with the
   * new Session already in place; a different question is the next round.
   */
  private async answerCustom(answer: string): Promise<void> {
    if (this.phase.name !== 'challenge') return;
    if (answer.trim() === '')
      throw new AppError('ANSWER_REQUIRED', 'Enter your answer.', false, undefined, 'answer');
    const asked = this.phase.params;
    let out: ChallengeOutput;
    try {
      out = await this.respondTo('CUSTOM_CHALLENGE', { ANSWER: answer });
    } catch (e) {
      if (!isCustomAuthFailure(e)) throw e;
      // The Session is spent: only a new start can go on.
      this.phase = { name: 'failed' };
      throw new AppError(
        'CUSTOM_AUTH_FAILED',
        'The pool did not accept the answer and ended this sign-in. Choose "Start over" to try again.',
        false,
        awsDetail(e),
        'answer',
      );
    }
    const askedAgain =
      out.ChallengeName === 'CUSTOM_CHALLENGE' &&
      sameQuestion(asked, out.ChallengeParameters ?? {});
    await this.handle(out);
    if (askedAgain) {
      throw new AppError(
        'CUSTOM_ANSWER_REJECTED',
        'That answer was not accepted. Check it and try again.',
        true,
        undefined,
        'answer',
      );
    }
  }

  /** Runs automatic steps until a person is needed or the tokens arrive. */
  private async handle(first: ChallengeOutput): Promise<void> {
    let out = first;
    for (;;) {
      if (out.Session) this.setSession(out.Session);
      if (out.AuthenticationResult) return this.finish(out.AuthenticationResult);
      const name: ChallengeNameType | string | undefined = out.ChallengeName;
      const params = out.ChallengeParameters ?? {};
      // ADMIN_NO_SRP_AUTH is a server-side flow; answering it from a desktop client would be a bug.
      if (!name || name === 'ADMIN_NO_SRP_AUTH') throw unsupported(name);
      // A custom challenge names the pool's username USERNAME (the typed name may be an alias).
      const poolUser =
        params.USER_ID_FOR_SRP ?? (name === 'CUSTOM_CHALLENGE' ? params.USERNAME : undefined);
      if (poolUser) await this.learnUserId(poolUser);

      if (name === 'PASSWORD_VERIFIER') out = await this.answerPasswordVerifier(params);
      else if (name === 'DEVICE_SRP_AUTH') out = await this.answerDeviceSrp();
      else if (name === 'DEVICE_PASSWORD_VERIFIER')
        out = await this.answerDevicePasswordVerifier(params);
      else if (name === 'MFA_SETUP') return this.prepareMfaSetup(params);
      else if (PERSON_CHALLENGES.has(name)) {
        const kind = name as PersonChallenge;
        const canAutofill = kind === 'SOFTWARE_TOKEN_MFA' && (await this.vaultCode()) !== undefined;
        this.phase = { name: 'challenge', kind, params, canAutofill };
        return;
      } else throw unsupported(name);
    }
  }

  private async answerPasswordVerifier(params: Record<string, string>): Promise<ChallengeOutput> {
    const { SRP_B, SALT, SECRET_BLOCK } = params;
    if (!SRP_B || !SALT || !SECRET_BLOCK || !this.srp || !this.userId)
      throw protocol('PASSWORD_VERIFIER without SRP_B, SALT, SECRET_BLOCK or USER_ID_FOR_SRP');
    const claim = passwordClaim({
      realm: poolNameOf(this.deps.profile.userPoolId),
      userId: this.userId,
      password: this.password,
      ephemeral: this.srp,
      serverB: SRP_B,
      salt: SALT,
      secretBlock: SECRET_BLOCK,
      now: new Date(this.deps.clock.now()),
    });
    return this.respondTo('PASSWORD_VERIFIER', {
      ...claim,
      ...(this.device ? { DEVICE_KEY: this.device.deviceKey } : {}),
    });
  }

  private async answerDeviceSrp(): Promise<ChallengeOutput> {
    if (!this.device) throw protocol('DEVICE_SRP_AUTH although no device key was sent');
    this.deviceSrp = createEphemeral(this.random);
    return this.respondTo('DEVICE_SRP_AUTH', {
      DEVICE_KEY: this.device.deviceKey,
      SRP_A: this.deviceSrp.srpA,
    });
  }

  private async answerDevicePasswordVerifier(
    params: Record<string, string>,
  ): Promise<ChallengeOutput> {
    const { SRP_B, SALT, SECRET_BLOCK } = params;
    if (!this.device || !this.deviceSrp || !SRP_B || !SALT || !SECRET_BLOCK)
      throw protocol('DEVICE_PASSWORD_VERIFIER without SRP_B, SALT or SECRET_BLOCK');
    const claim = passwordClaim({
      realm: this.device.deviceGroupKey,
      userId: this.device.deviceKey,
      password: this.device.devicePassword,
      ephemeral: this.deviceSrp,
      serverB: SRP_B,
      salt: SALT,
      secretBlock: SECRET_BLOCK,
      now: new Date(this.deps.clock.now()),
    });
    const out = await this.respondTo('DEVICE_PASSWORD_VERIFIER', {
      DEVICE_KEY: this.device.deviceKey,
      ...claim,
    });
    this.usedDevice = true;
    return out;
  }

  private async prepareMfaSetup(params: Record<string, string>): Promise<void> {
    const options = parseMfaList(params.MFAS_CAN_SETUP);
    if (!options.includes('SOFTWARE_TOKEN_MFA')) {
      throw new AppError(
        'MFA_SETUP_UNSUPPORTED',
        `The pool asks to set up ${options.map((o) => MFA_LABELS[o]).join(' or ') || 'an MFA method'} first, which this app cannot do during sign-in. Ask your administrator.`,
      );
    }
    const assoc = await this.deps.transport.call('AssociateSoftwareToken', {
      Session: this.session,
    });
    if (!assoc.SecretCode) throw protocol('AssociateSoftwareToken returned no SecretCode');
    if (assoc.Session) this.setSession(assoc.Session);
    const setup = await totpSetupView(
      this.deps.profile.displayName,
      this.username,
      assoc.SecretCode,
    );
    this.phase = { name: 'mfa-setup', options, secret: assoc.SecretCode, setup };
  }

  private async answer(answer: SignInAnswer): Promise<void> {
    this.assertSessionAlive();
    switch (answer.kind) {
      case 'SMS_MFA':
        return this.handle(await this.respondTo('SMS_MFA', { SMS_MFA_CODE: answer.code }));
      case 'EMAIL_OTP':
        return this.handle(await this.respondTo('EMAIL_OTP', { EMAIL_OTP_CODE: answer.code }));
      case 'SOFTWARE_TOKEN_MFA':
        return this.handle(
          await this.respondTo('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: answer.code }),
        );
      case 'SELECT_MFA_TYPE': {
        const options =
          this.phase.name === 'challenge' ? parseMfaList(this.phase.params.MFAS_CAN_CHOOSE) : [];
        if (!options.includes(answer.mfaType)) {
          throw new AppError(
            'INVALID_CHOICE',
            `Choose one of: ${options.map((o) => MFA_LABELS[o]).join(', ')}.`,
            false,
            undefined,
            'mfaType',
          );
        }
        return this.handle(await this.respondTo('SELECT_MFA_TYPE', { ANSWER: answer.mfaType }));
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
    const required = parseStringList(this.phase.params.requiredAttributes).map(
      stripAttributePrefix,
    );
    const current = parseAttributes(this.phase.params.userAttributes);
    const responses: Record<string, string> = { NEW_PASSWORD: newPassword };
    for (const name of required) {
      const value = attributes[name]?.trim();
      if (!value)
        throw new AppError(
          'ATTRIBUTE_REQUIRED',
          `The pool needs a value for "${name}".`,
          false,
          undefined,
          `attributes.${name}`,
        );
      responses[`userAttributes.${name}`] = value;
    }
    // Optional attributes are sent only when changed: the pool may not let clients write the others.
    for (const [name, raw] of Object.entries(attributes)) {
      const value = raw.trim();
      if (
        required.includes(name) ||
        !isWritableAttribute(name) ||
        value === '' ||
        value === current[name]
      )
        continue;
      responses[`userAttributes.${name}`] = value;
    }
    const out = await this.respondTo('NEW_PASSWORD_REQUIRED', responses);
    this.password = newPassword;
    await this.handle(out);
  }

  private async answerMfaSetup(
    answer: Extract<SignInAnswer, { kind: 'MFA_SETUP' }>,
  ): Promise<void> {
    if (this.phase.name !== 'mfa-setup') return;
    const { secret, setup } = this.phase;
    let code = answer.code;
    let vaultId: string | undefined;
    if (answer.useThisComputer) {
      const vault = this.deps.vault;
      if (!vault)
        throw new AppError(
          'VAULT_UNAVAILABLE',
          'The vault is not available, so this computer cannot be the authenticator. Use an authenticator app.',
        );
      vaultId = (await vault.addTotp({ issuer: setup.issuer, account: setup.account, secret })).id;
      code = await vault.currentCode(vaultId);
    }
    if (!code)
      throw new AppError(
        'CODE_REQUIRED',
        'Enter the 6-digit code from your authenticator app.',
        false,
        undefined,
        'code',
      );
    try {
      const friendly =
        answer.friendlyDeviceName.trim() || (answer.useThisComputer ? this.deps.deviceName : '');
      const verified = await this.deps.transport.call('VerifySoftwareToken', {
        Session: this.session,
        UserCode: code,
        ...(friendly ? { FriendlyDeviceName: friendly } : {}),
      });
      if (verified.Session) this.setSession(verified.Session);
      if (verified.Status !== 'SUCCESS') {
        throw new AppError(
          'TOTP_VERIFY_FAILED',
          'The code was not accepted. Check the clock of this computer and the phone, then try a fresh code.',
          true,
          `Status ${verified.Status}`,
          'code',
        );
      }
    } catch (e) {
      // An unverified secret in the vault would be a code generator for nothing.
      if (vaultId) await this.deps.vault?.remove(vaultId);
      throw e;
    }
    this.pendingVaultLink = vaultId;
    await this.handle(await this.respondTo('MFA_SETUP', {}));
  }

  private async finish(result: AuthenticationResultType): Promise<void> {
    if (!result.AccessToken || !result.IdToken)
      throw protocol('AuthenticationResult without tokens');
    const claimedUser = decodeJwtClaims(result.IdToken)['cognito:username'];
    const userId = this.userId ?? (typeof claimedUser === 'string' ? claimedUser : this.username);
    this.userId = userId;
    await this.deps.users.rememberAlias(this.profileId, this.username, userId);
    if (this.pendingVaultLink) {
      await this.deps.users.linkVaultAccount(this.profileId, userId, this.pendingVaultLink);
      this.pendingVaultLink = undefined;
    }
    if (this.deviceOwner !== userId) await this.loadDevice(userId);

    let device: DeviceOutcomeView;
    let deviceKey = this.device?.deviceKey;
    let askToRemember = false;
    const meta = result.NewDeviceMetadata;
    if (meta?.DeviceKey && meta.DeviceGroupKey) {
      const confirmed = await this.confirmDevice(
        userId,
        result.AccessToken,
        meta.DeviceKey,
        meta.DeviceGroupKey,
      );
      device = confirmed.outcome;
      deviceKey = confirmed.deviceKey;
      askToRemember = confirmed.outcome.status === 'awaiting-choice';
    } else if (this.device) {
      device = this.usedDevice
        ? {
            status: 'remembered',
            usedRememberedDevice: true,
            message: 'This computer is remembered, so MFA was skipped.',
          }
        : this.device.remembered
          ? {
              status: 'remembered',
              usedRememberedDevice: false,
              message: 'This computer is remembered.',
            }
          : {
              status: 'confirmed-not-remembered',
              usedRememberedDevice: false,
              message: 'This computer is known to the pool but not remembered.',
            };
    } else {
      device = {
        status: 'not-tracked',
        usedRememberedDevice: false,
        message: 'This pool does not remember devices.',
      };
    }

    const stored = await this.deps.tokens.store(this.profileId, result, {
      userIdForSrp: userId,
      typedUsername: this.username,
      ...(deviceKey ? { deviceKey } : {}),
    });
    const signedIn = summarize(this.profileId, stored);
    if (askToRemember && deviceKey) {
      this.phase = {
        name: 'remember-device',
        device,
        signedIn,
        accessToken: result.AccessToken,
        deviceKey,
      };
    } else {
      this.phase = { name: 'signed-in', device, signedIn };
      this.forgetPassword();
    }
  }

  /** ConfirmDevice with a fresh device secret. A failure is reported in the outcome, never swallowed. */
  private async confirmDevice(
    userId: string,
    accessToken: string,
    deviceKey: string,
    deviceGroupKey: string,
  ): Promise<{ outcome: DeviceOutcomeView; deviceKey?: string }> {
    const made = createDeviceSecret(deviceKey, deviceGroupKey, this.random);
    // Stored before ConfirmDevice: a confirmed device whose secret we lost could never sign in.
    await this.deps.devices.set(this.profileId, userId, { ...made.secret, remembered: false });
    try {
      const out = await this.deps.transport.call('ConfirmDevice', {
        AccessToken: accessToken,
        DeviceKey: deviceKey,
        DeviceName: this.deps.deviceName,
        DeviceSecretVerifierConfig: made.verifierConfig,
      });
      if (out.UserConfirmationNecessary) {
        return {
          deviceKey,
          outcome: {
            status: 'awaiting-choice',
            usedRememberedDevice: false,
            message: 'The pool asks whether to remember this computer.',
          },
        };
      }
      await this.deps.devices.set(this.profileId, userId, { ...made.secret, remembered: true });
      return {
        deviceKey,
        outcome: {
          status: 'remembered',
          usedRememberedDevice: false,
          message: 'This computer is now remembered.',
        },
      };
    } catch (e) {
      await this.deps.devices.clear(this.profileId, userId);
      const error = toAppError(e, this.errorContext());
      return {
        outcome: {
          status: 'failed',
          usedRememberedDevice: false,
          message: `Signed in, but this computer could not be registered as a device: ${error.message}`,
          error: errorInfo(error),
        },
      };
    }
  }

  // ------------------------------------------------------------------ helpers

  private async respondTo(
    name: ChallengeNameType,
    responses: Record<string, string>,
  ): Promise<ChallengeOutput> {
    this.assertSessionAlive();
    const username = this.userId ?? this.username;
    return this.deps.transport.call('RespondToAuthChallenge', {
      ClientId: this.deps.profile.clientId,
      ChallengeName: name,
      ...(this.session ? { Session: this.session } : {}),
      ChallengeResponses: { USERNAME: username, ...responses, ...this.secretHash(username) },
      ...this.metadata(),
    });
  }

  private async learnUserId(userId: string): Promise<void> {
    this.userId = userId;
    if (this.deviceOwner !== userId) await this.loadDevice(userId);
  }

  private async loadDevice(userId: string): Promise<void> {
    this.deviceOwner = userId;
    this.device = this.deviceHealed
      ? undefined
      : await this.deps.devices.get(this.profileId, userId);
  }

  private async vaultCode(): Promise<string | undefined> {
    if (!this.deps.vault || !this.userId) return undefined;
    const id = await this.deps.users.vaultAccountFor(this.profileId, this.userId);
    return id ? this.deps.vault.currentCode(id) : undefined;
  }

  private setSession(session: string): void {
    this.session = session;
    this.sessionExpiresAt =
      this.deps.clock.now() + this.deps.profile.authSessionValidityMinutes * 60_000;
  }

  private assertSessionAlive(): void {
    if (this.sessionExpiresAt !== undefined && this.deps.clock.now() >= this.sessionExpiresAt) {
      throw new AppError('SESSION_EXPIRED', 'The sign-in session expired.', true);
    }
  }

  private secretHash(username: string): { SECRET_HASH?: string } {
    const secret = this.deps.profile.clientSecret;
    return secret ? { SECRET_HASH: secretHash(secret, username, this.deps.profile.clientId) } : {};
  }

  private metadata() {
    const p = this.deps.profile;
    return {
      ...(p.clientMetadata ? { ClientMetadata: p.clientMetadata } : {}),
      ...(p.analyticsEndpointId
        ? { AnalyticsMetadata: { AnalyticsEndpointId: p.analyticsEndpointId } }
        : {}),
      ...(p.userContextData ? { UserContextData: { EncodedData: p.userContextData } } : {}),
    };
  }

  private errorContext() {
    const p = this.deps.profile;
    const context: { endpoint: string; passwordPolicy?: typeof p.passwordPolicy } = {
      endpoint: p.endpoint ?? `Cognito in ${p.region}`,
    };
    if (p.passwordPolicy) context.passwordPolicy = p.passwordPolicy;
    return context;
  }

  private forgetPassword(): void {
    this.password = '';
  }

  private get random(): (size: number) => Buffer {
    return this.deps.random ?? randomBytes;
  }
}

function challengeView(
  kind: PersonChallenge,
  params: Record<string, string>,
  canAutofill: boolean,
  profile: ResolvedProfile,
): Pick<AuthStepView, 'kind' | 'title' | 'description' | 'fields' | 'canAutofill'> &
  Partial<AuthStepView> {
  const destination = params.CODE_DELIVERY_DESTINATION;
  switch (kind) {
    case 'SMS_MFA':
      return {
        kind,
        title: 'Enter the code we texted you',
        description: destination
          ? `A 6-digit code was sent by text message to ${destination}.`
          : 'A 6-digit code was sent to your phone.',
        fields: [codeField('Code from the text message')],
        canAutofill: false,
        ...(destination ? { codeDeliveryDestination: destination } : {}),
        codeDeliveryMedium: 'SMS',
      };
    case 'EMAIL_OTP':
      return {
        kind,
        title: 'Enter the code we emailed you',
        description: destination
          ? `A code was sent to ${destination}.`
          : 'A code was sent to your email address.',
        fields: [codeField('Code from the email')],
        canAutofill: false,
        ...(destination ? { codeDeliveryDestination: destination } : {}),
        codeDeliveryMedium: 'EMAIL',
      };
    case 'SOFTWARE_TOKEN_MFA':
      return {
        kind,
        title: 'Enter the code from your authenticator',
        description: canAutofill
          ? 'This app holds your authenticator secret for this pool: fill the code in with one action, or type it.'
          : 'Open your authenticator app and enter the 6-digit code it shows for this account.',
        fields: [
          codeField(
            'Authenticator code',
            params.FRIENDLY_DEVICE_NAME ? `From "${params.FRIENDLY_DEVICE_NAME}"` : undefined,
          ),
        ],
        canAutofill,
      };
    case 'SELECT_MFA_TYPE': {
      const options = parseMfaList(params.MFAS_CAN_CHOOSE);
      return {
        kind,
        title: 'Choose how to verify it is you',
        description: 'Your account has more than one second factor. Pick the one to use now.',
        mfaOptions: options,
        fields: [
          {
            name: 'mfaType',
            label: 'Verification method',
            type: 'choice',
            required: true,
            options: options.map((o) => ({ value: o, label: MFA_LABELS[o] })),
          },
        ],
        canAutofill: false,
      };
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const required = parseStringList(params.requiredAttributes).map(stripAttributePrefix);
      return {
        kind,
        title: 'Choose a new password',
        description:
          required.length > 0
            ? 'Your administrator gave you a temporary password. Choose your own, and fill in the details the pool needs.'
            : 'Your administrator gave you a temporary password. Choose your own.',
        fields: newPasswordFields(required, parseAttributes(params.userAttributes)),
        canAutofill: false,
        ...(profile.passwordPolicy ? { passwordPolicy: profile.passwordPolicy } : {}),
      };
    }
    case 'CUSTOM_CHALLENGE':
      return {
        kind,
        title: 'Answer the sign-in challenge',
        description: 'The pool asks a question of its own. Its details are below.',
        fields: [{ name: 'answer', label: 'Your answer', type: 'text', required: true }],
        challengeParameters: Object.fromEntries(
          Object.entries(params).filter(([k]) => k !== 'USER_ID_FOR_SRP' && k !== 'USERNAME'),
        ),
        canAutofill: false,
      };
  }
}

/** MFAS_CAN_CHOOSE / MFAS_CAN_SETUP: a JSON *string* holding an array. */
export function parseMfaList(raw: string | undefined): MfaType[] {
  return parseStringList(raw).filter((m): m is MfaType => MFA_TYPES.has(m));
}

function parseStringList(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    throw protocol(`a challenge parameter that should be a JSON list: ${raw.slice(0, 80)}`);
  }
}

function parseAttributes(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** The same public parameters, ignoring the username Cognito adds to each round. */
function sameQuestion(a: Record<string, string>, b: Record<string, string>): boolean {
  const strip = (p: Record<string, string>) =>
    Object.entries(p).filter(([k]) => k !== 'USERNAME' && k !== 'USER_ID_FOR_SRP');
  const left = strip(a);
  return left.length === strip(b).length && left.every(([k, v]) => b[k] === v);
}

/** DefineAuthChallenge said failAuthentication; Cognito words it as a wrong password. */
function isCustomAuthFailure(e: unknown): boolean {
  return (
    exceptionName(e) === 'NotAuthorizedException' &&
    /incorrect username or password/i.test(exceptionMessage(e))
  );
}

function awsDetail(e: unknown): string {
  return `${exceptionName(e) ?? 'Error'}: ${exceptionMessage(e)}`;
}

function unsupported(name: string | undefined): AppError {
  return new AppError(
    'UNSUPPORTED_CHALLENGE',
    name
      ? `Cognito asked for "${name}", which a desktop sign-in cannot answer. Check the app client's auth flows with your administrator.`
      : 'Cognito answered without tokens or a challenge.',
    false,
    name,
  );
}

function protocol(what: string): AppError {
  return new AppError(
    'PROTOCOL_ERROR',
    'Cognito sent an answer this app does not understand. Try again; if it persists, report it.',
    false,
    what,
  );
}

function errorInfo(e: AppError): { code: string; message: string; detail?: string } {
  return { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
}
