/**
 * Assembles one handler per contract channel from each area's group. The
 * return type is the full `Handlers` map, so a channel without a handler is a
 * compile error here.
 */
import type { Handlers } from '../router';
import { authHandlers } from './auth';
import { cliAuditHandlers } from './cli-audit';
import type { CliAuditHandlerServices } from './cli-audit';
import type { AuthHandlerServices } from './auth';
import { trayCliHandlers } from './tray-cli';
import type { TrayCliHandlerServices } from './tray-cli';
import { vaultHandlers } from './vault';
import type { VaultHandlerServices } from './vault';

/** Everything the handler groups need; each area adds its services here. */
export type HandlerServices = VaultHandlerServices &
  AuthHandlerServices &
  TrayCliHandlerServices &
  CliAuditHandlerServices;

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...vaultHandlers(services),
    // Sign-in, enrollment, devices, profiles (issue 4): spread their group here.
    ...authHandlers(services),

    // Tray, clipboard settings, CLI access list (issue 5): spread their group here.
    ...trayCliHandlers(services),
    ...cliAuditHandlers(services),
  };
}
