/** Remembered devices, through an AccessToken or (Admin*) through SigV4. */
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { getPool, requireUser } from '../directory.js';
import { invalidParameter, resourceNotFound } from '../errors.js';
import type { Device, User } from '../model.js';
import { bigIntFromBase64 } from '../srp.js';
import { authenticateAccessToken } from '../tokens.js';
import type { Body } from '../validate.js';
import {
  optionalInteger,
  optionalObject,
  optionalString,
  POOL_ID,
  requiredEnum,
  requiredString,
} from '../validate.js';
import { page } from './paging.js';

const DEVICE_KEY = { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-f-]+$/ };
const REMEMBERED = ['remembered', 'not_remembered'] as const;

const deviceView = (d: Device) => ({
  DeviceKey: d.key,
  DeviceAttributes: [
    { Name: 'device_status', Value: 'valid' },
    ...(d.name !== null ? [{ Name: 'device_name', Value: d.name }] : []),
    { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
  ],
  DeviceCreateDate: epochSeconds(d.createdAt),
  DeviceLastModifiedDate: epochSeconds(d.modifiedAt),
  DeviceLastAuthenticatedDate: epochSeconds(d.lastAuthenticatedAt),
});

/** A device the user has confirmed; unconfirmed ones are not listed or managed. */
function confirmedDevice(user: User, key: string): Device {
  const device = user.devices[key];
  if (!device || device.verifier === null) throw resourceNotFound('Device does not exist.');
  return device;
}

function listDevices(user: User, body: Body) {
  const devices = Object.values(user.devices)
    .filter((d) => d.verifier !== null)
    .sort((a, b) => a.createdAt - b.createdAt);
  const { items, next } = page(
    devices,
    optionalInteger(body, 'Limit', 0, 60) ?? 60,
    optionalString(body, 'PaginationToken'),
  );
  return { Devices: items.map(deviceView), ...(next ? { PaginationToken: next } : {}) };
}

function setRemembered(ctx: Context, user: User, body: Body): object {
  const device = confirmedDevice(user, requiredString(body, 'DeviceKey', DEVICE_KEY));
  device.remembered = requiredEnum(body, 'DeviceRememberedStatus', REMEMBERED) === 'remembered';
  device.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return {};
}

function forget(ctx: Context, user: User, body: Body): object {
  const key = requiredString(body, 'DeviceKey', DEVICE_KEY);
  confirmedDevice(user, key);
  delete user.devices[key];
  ctx.store.touch();
  return {};
}

export function confirmDevice(ctx: Context, body: Body) {
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  const key = requiredString(body, 'DeviceKey', DEVICE_KEY);
  const name = optionalString(body, 'DeviceName', { min: 1, max: 1024 });
  const config = optionalObject(body, 'DeviceSecretVerifierConfig');
  const verifier = config && optionalString(config, 'PasswordVerifier');
  const salt = config && optionalString(config, 'Salt');
  if (!verifier || !salt)
    throw invalidParameter('DeviceSecretVerifierConfig needs PasswordVerifier and Salt');
  const device = user.devices[key];
  if (!device) throw resourceNotFound('Device does not exist.');
  const v = bigIntFromBase64(verifier);
  if (v <= 1n) throw invalidParameter('PasswordVerifier is not a valid SRP verifier');
  const onPrompt = pool.deviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false;
  Object.assign(device, {
    verifier: v.toString(16),
    salt: bigIntFromBase64(salt).toString(16),
    name: name ?? device.name,
    remembered: !onPrompt,
    modifiedAt: ctx.clock.now(),
  });
  ctx.store.touch();
  return { UserConfirmationNecessary: onPrompt };
}

const accessUser = (ctx: Context, body: Body) =>
  authenticateAccessToken(ctx, requiredString(body, 'AccessToken')).user;

export const getDevice = (ctx: Context, body: Body) => ({
  Device: deviceView(
    confirmedDevice(accessUser(ctx, body), requiredString(body, 'DeviceKey', DEVICE_KEY)),
  ),
});
export const userListDevices = (ctx: Context, body: Body) =>
  listDevices(accessUser(ctx, body), body);
export const updateDeviceStatus = (ctx: Context, body: Body) =>
  setRemembered(ctx, accessUser(ctx, body), body);
export const forgetDevice = (ctx: Context, body: Body) => forget(ctx, accessUser(ctx, body), body);

const adminUser = (ctx: Context, body: Body) =>
  requireUser(
    getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID)),
    requiredString(body, 'Username'),
  );

export const adminGetDevice = (ctx: Context, body: Body) => ({
  Device: deviceView(
    confirmedDevice(adminUser(ctx, body), requiredString(body, 'DeviceKey', DEVICE_KEY)),
  ),
});
export const adminListDevices = (ctx: Context, body: Body) =>
  listDevices(adminUser(ctx, body), body);
export const adminUpdateDeviceStatus = (ctx: Context, body: Body) =>
  setRemembered(ctx, adminUser(ctx, body), body);
export const adminForgetDevice = (ctx: Context, body: Body) =>
  forget(ctx, adminUser(ctx, body), body);
