/**
 * This computer as a Cognito device during one sign-in attempt: which stored
 * device is offered, proving it with device SRP (DEVICE_SRP_AUTH, then
 * DEVICE_PASSWORD_VERIFIER), registering a new one with ConfirmDevice, and
 * the outcome shown once signed in. Devices are stored per pool username,
 * so nothing is offered until that username is known.
 */
import type { NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthSession, ChallengeOutput } from './auth-session';
import { createDeviceSecret } from './device-srp';
import type { DeviceStore, StoredDevice } from './devices';
import { isDeviceGone, toAppError } from './errors';
import { errorInfo, protocol } from './sign-in-errors';
import { createEphemeral, passwordClaim } from './srp';
import type { SrpEphemeral } from './srp';
import type { DeviceOutcomeView } from './views';

export interface SignInDeviceDeps {
  profileId: string;
  devices: DeviceStore;
  /** ConfirmDevice's DeviceName: host name and OS. */
  deviceName: string;
  random: (size: number) => Buffer;
}

export interface DeviceSettlement {
  outcome: DeviceOutcomeView;
  /** The device the tokens belong to, if any. */
  deviceKey?: string;
}

export class SignInDevice {
  /** The remembered device offered for this run, and whose device it is. */
  private device: StoredDevice | undefined;
  private owner: string | undefined;
  /** Set after "Device does not exist": the retry goes without a device. */
  private healed = false;
  private used = false;
  private srp: SrpEphemeral | undefined;

  constructor(
    private readonly deps: SignInDeviceDeps,
    private readonly session: AuthSession,
  ) {}

  /** The key sent with InitiateAuth and PASSWORD_VERIFIER, so Cognito can offer device SRP. */
  get key(): string | undefined {
    return this.device?.deviceKey;
  }

  /** A new run offers nothing until it learns whose device to load. */
  reset(): void {
    this.used = false;
    this.device = undefined;
    this.owner = undefined;
  }

  async loadFor(userId: string): Promise<void> {
    if (this.owner === userId) return;
    this.owner = userId;
    this.device = this.healed
      ? undefined
      : await this.deps.devices.get(this.deps.profileId, userId);
  }

  /**
   * "Device does not exist": the device was forgotten on the server, and
   * stale local keys would fail every sign-in. Clears them, once; true means
   * the caller should sign in again without the device.
   */
  async healIfGone(e: unknown): Promise<boolean> {
    if (!(isDeviceGone(e) && this.device && !this.healed)) return false;
    if (this.owner) await this.deps.devices.clear(this.deps.profileId, this.owner);
    this.healed = true;
    return true;
  }

  async answerSrpAuth(): Promise<ChallengeOutput> {
    if (!this.device) throw protocol('DEVICE_SRP_AUTH although no device key was sent');
    this.srp = createEphemeral(this.deps.random);
    return this.session.respond('DEVICE_SRP_AUTH', {
      DEVICE_KEY: this.device.deviceKey,
      SRP_A: this.srp.srpA,
    });
  }

  async answerPasswordVerifier(params: Record<string, string>): Promise<ChallengeOutput> {
    const { SRP_B, SALT, SECRET_BLOCK } = params;
    if (!this.device || !this.srp || !SRP_B || !SALT || !SECRET_BLOCK)
      throw protocol('DEVICE_PASSWORD_VERIFIER without SRP_B, SALT or SECRET_BLOCK');
    const claim = passwordClaim({
      realm: this.device.deviceGroupKey,
      userId: this.device.deviceKey,
      password: this.device.devicePassword,
      ephemeral: this.srp,
      serverB: SRP_B,
      salt: SALT,
      secretBlock: SECRET_BLOCK,
      now: this.session.now(),
    });
    const out = await this.session.respond('DEVICE_PASSWORD_VERIFIER', {
      DEVICE_KEY: this.device.deviceKey,
      ...claim,
    });
    this.used = true;
    return out;
  }

  /** Registers the device Cognito just handed out, or describes the one already in use. */
  async settle(
    userId: string,
    accessToken: string,
    meta: NewDeviceMetadataType | undefined,
  ): Promise<DeviceSettlement> {
    await this.loadFor(userId);
    if (meta?.DeviceKey && meta.DeviceGroupKey)
      return this.confirm(userId, accessToken, meta.DeviceKey, meta.DeviceGroupKey);
    if (!this.device) {
      return {
        outcome: {
          status: 'not-tracked',
          usedRememberedDevice: false,
          message: 'This pool does not remember devices.',
        },
      };
    }
    return {
      deviceKey: this.device.deviceKey,
      outcome: this.used
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
            },
    };
  }

  /** The answer to the REMEMBER_DEVICE step: yes calls UpdateDeviceStatus. */
  async choose(
    remember: boolean,
    accessToken: string,
    deviceKey: string,
  ): Promise<DeviceOutcomeView> {
    if (!remember) {
      return {
        status: 'declined',
        usedRememberedDevice: false,
        message: 'This computer will not be remembered. You will be asked for MFA next time.',
      };
    }
    const userId = this.session.userId;
    try {
      await this.session.transport.call('UpdateDeviceStatus', {
        AccessToken: accessToken,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: 'remembered',
      });
      const stored = userId ? await this.deps.devices.get(this.deps.profileId, userId) : undefined;
      if (stored && userId)
        await this.deps.devices.set(this.deps.profileId, userId, { ...stored, remembered: true });
      return {
        status: 'remembered',
        usedRememberedDevice: false,
        message: 'This computer is now remembered.',
      };
    } catch (e) {
      const error = toAppError(e, this.session.errorContext());
      return {
        status: 'failed',
        usedRememberedDevice: false,
        message: `Remembering this computer failed: ${error.message}`,
        error: errorInfo(error),
      };
    }
  }

  /** ConfirmDevice with a fresh device secret. A failure is reported in the outcome, never swallowed. */
  private async confirm(
    userId: string,
    accessToken: string,
    deviceKey: string,
    deviceGroupKey: string,
  ): Promise<DeviceSettlement> {
    const { profileId, devices } = this.deps;
    const made = createDeviceSecret(deviceKey, deviceGroupKey, this.deps.random);
    // Stored before ConfirmDevice: a confirmed device whose secret we lost could never sign in.
    await devices.set(profileId, userId, { ...made.secret, remembered: false });
    try {
      const out = await this.session.transport.call('ConfirmDevice', {
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
      await devices.set(profileId, userId, { ...made.secret, remembered: true });
      return {
        deviceKey,
        outcome: {
          status: 'remembered',
          usedRememberedDevice: false,
          message: 'This computer is now remembered.',
        },
      };
    } catch (e) {
      await devices.clear(profileId, userId);
      const error = toAppError(e, this.session.errorContext());
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
}
