/**
 * Remembered devices: the local device secret (per profile and pool user,
 * in the SecretStore) and the user's device list on the server.
 */
import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import type { DeviceSecret } from './device-srp';
import { userFacing } from './errors';
import { secretKeys } from './keys';
import type { ResolvedProfile } from './profiles';
import type { TokenManager } from './tokens';
import type { CognitoTransport } from '../ports';
import type { DeviceView } from './views';

export interface StoredDevice extends DeviceSecret {
  /** The server treats it as remembered (MFA may be skipped). */
  remembered: boolean;
}

/** The device secrets of this computer, keyed by profile + USER_ID_FOR_SRP, never by the typed alias. */
export class DeviceStore {
  constructor(private readonly secrets: SecretStore) {}

  async get(profileId: string, userIdForSrp: string): Promise<StoredDevice | undefined> {
    const raw = await this.secrets.get(secretKeys.device(profileId, userIdForSrp));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as StoredDevice;
    } catch {
      await this.clear(profileId, userIdForSrp);
      return undefined;
    }
  }

  async set(profileId: string, userIdForSrp: string, device: StoredDevice): Promise<void> {
    await this.secrets.set(secretKeys.device(profileId, userIdForSrp), JSON.stringify(device));
  }

  async clear(profileId: string, userIdForSrp: string): Promise<void> {
    await this.secrets.delete(secretKeys.device(profileId, userIdForSrp));
  }
}

function attribute(device: DeviceType, name: string): string | undefined {
  return device.DeviceAttributes?.find((a) => a.Name === name)?.Value;
}

export function toDeviceView(device: DeviceType, thisDeviceKey: string | undefined): DeviceView {
  const key = device.DeviceKey ?? '';
  const view: DeviceView = {
    deviceKey: key,
    name: attribute(device, 'device_name') ?? key,
    remembered: attribute(device, 'dev:device_remembered_status') === 'remembered',
    isThisDevice: thisDeviceKey !== undefined && key === thisDeviceKey,
  };
  if (device.DeviceLastAuthenticatedDate)
    view.lastUsedAt = device.DeviceLastAuthenticatedDate.getTime();
  if (device.DeviceCreateDate) view.createdAt = device.DeviceCreateDate.getTime();
  return view;
}

export interface DeviceManagerDeps {
  store: DeviceStore;
  tokens: TokenManager;
  profile(profileId: string): Promise<ResolvedProfile>;
  transport(profile: ResolvedProfile): CognitoTransport;
}

/** The signed-in user's devices on the server: list, forget, remember. */
export class DeviceManager {
  constructor(private readonly deps: DeviceManagerDeps) {}

  async list(profileId: string): Promise<DeviceView[]> {
    const { profile, transport, accessToken, thisDeviceKey } = await this.context(profileId);
    const devices: DeviceType[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(profile, () =>
        transport.call('ListDevices', {
          AccessToken: accessToken,
          Limit: 60,
          ...(token ? { PaginationToken: token } : {}),
        }),
      );
      devices.push(...(page.Devices ?? []));
      token = page.PaginationToken;
    } while (token);
    return devices
      .map((d) => toDeviceView(d, thisDeviceKey))
      .sort(
        (a, b) =>
          Number(b.isThisDevice) - Number(a.isThisDevice) ||
          (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0),
      );
  }

  /** Forgets a device on the server; forgetting this computer also clears its local keys. */
  async forget(profileId: string, deviceKey: string): Promise<DeviceView[]> {
    const { profile, transport, accessToken, thisDeviceKey, userIdForSrp } =
      await this.context(profileId);
    await this.call(profile, () =>
      transport.call('ForgetDevice', { AccessToken: accessToken, DeviceKey: deviceKey }),
    );
    if (deviceKey === thisDeviceKey) {
      await this.deps.store.clear(profileId, userIdForSrp);
      await this.deps.tokens.dropDeviceKey(profileId);
    }
    return this.list(profileId);
  }

  async setRemembered(
    profileId: string,
    deviceKey: string,
    remembered: boolean,
  ): Promise<DeviceView[]> {
    const { profile, transport, accessToken, thisDeviceKey, userIdForSrp } =
      await this.context(profileId);
    await this.call(profile, () =>
      transport.call('UpdateDeviceStatus', {
        AccessToken: accessToken,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered',
      }),
    );
    if (deviceKey === thisDeviceKey) {
      const local = await this.deps.store.get(profileId, userIdForSrp);
      if (local) await this.deps.store.set(profileId, userIdForSrp, { ...local, remembered });
    }
    return this.list(profileId);
  }

  private async context(profileId: string) {
    const profile = await this.deps.profile(profileId);
    const accessToken = await this.deps.tokens.accessToken(profileId);
    const tokens = await this.deps.tokens.load(profileId);
    if (!tokens)
      throw new AppError({
        code: 'NOT_SIGNED_IN',
        message: 'This profile is not signed in. Sign in first.',
      });
    const local = await this.deps.store.get(profileId, tokens.userIdForSrp);
    return {
      profile,
      transport: this.deps.transport(profile),
      accessToken,
      userIdForSrp: tokens.userIdForSrp,
      thisDeviceKey: local?.deviceKey ?? tokens.deviceKey,
    };
  }

  private async call<T>(profile: ResolvedProfile, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw userFacing(e, { endpoint: profile.endpoint ?? `Cognito in ${profile.region}` });
    }
  }
}
