/**
 * Assembles one handler per contract channel from each domain's group. The
 * return type is the full `Handlers` map, so a channel without a handler is a
 * compile error here.
 */
import type { Handlers } from '../router';
import { adminHandlers } from './admin';
import type { AdminHandlerServices } from './admin';
import { cliAccessHandlers } from './cli-access';
import type { CliAccessHandlerServices } from './cli-access';
import { cliAuditHandlers } from './cli-audit';
import type { CliAuditHandlerServices } from './cli-audit';
import { clipboardHandlers } from './clipboard';
import type { ClipboardHandlerServices } from './clipboard';
import { deviceHandlers } from './devices';
import type { DeviceHandlerServices } from './devices';
import { enrollmentHandlers } from './enrollment';
import type { EnrollmentHandlerServices } from './enrollment';
import { lockHandlers } from './lock';
import type { LockHandlerServices } from './lock';
import { profileHandlers } from './profiles';
import type { ProfileHandlerServices } from './profiles';
import { selfServiceHandlers } from './self-service';
import type { SelfServiceHandlerServices } from './self-service';
import { signInHandlers } from './sign-in';
import type { SignInHandlerServices } from './sign-in';
import { trayHandlers } from './tray';
import type { TrayHandlerServices } from './tray';
import { vaultHandlers } from './vault';
import type { VaultHandlerServices } from './vault';
import { vaultIoHandlers } from './vault-io';
import type { VaultIoHandlerServices } from './vault-io';

/** Everything the handler groups need; each domain adds its services here. */
export type HandlerServices = VaultHandlerServices &
  ProfileHandlerServices &
  SignInHandlerServices &
  EnrollmentHandlerServices &
  DeviceHandlerServices &
  TrayHandlerServices &
  ClipboardHandlerServices &
  LockHandlerServices &
  CliAccessHandlerServices &
  AdminHandlerServices &
  CliAuditHandlerServices &
  VaultIoHandlerServices &
  SelfServiceHandlerServices;

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...vaultHandlers(services),
    ...profileHandlers(services),
    ...signInHandlers(services),
    ...enrollmentHandlers(services),
    ...deviceHandlers(services),
    ...trayHandlers(services),
    ...clipboardHandlers(services),
    ...lockHandlers(services),
    ...cliAccessHandlers(services),
    ...adminHandlers(services),
    ...cliAuditHandlers(services),
    ...vaultIoHandlers(services),
    ...selfServiceHandlers(services),
  };
}
