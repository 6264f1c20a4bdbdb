/**
 * Assembles one handler per contract channel from each area's group. The
 * return type is the full `Handlers` map, so a channel without a handler is a
 * compile error here.
 */
import type { Handlers } from '../router';
import { adminHandlers } from './admin';
import type { AdminHandlerServices } from './admin';
import { authHandlers } from './auth';
import type { AuthHandlerServices } from './auth';
import { trayCliHandlers } from './tray-cli';
import type { TrayCliHandlerServices } from './tray-cli';
import { vaultHandlers } from './vault';
import type { VaultHandlerServices } from './vault';

/** Everything the handler groups need; each area adds its services here. */
export type HandlerServices = VaultHandlerServices &
  AuthHandlerServices &
  TrayCliHandlerServices &
  AdminHandlerServices;

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...vaultHandlers(services),
    // Sign-in, enrollment, devices, profiles (issue 4): spread their group here.
    ...authHandlers(services),

    // Tray, clipboard settings, CLI access list (issue 5): spread their group here.
    ...trayCliHandlers(services),

    // Admin console.
    ...adminHandlers(services),
  };
}
