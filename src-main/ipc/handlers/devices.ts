/** Handlers of the remembered-devices channels. */
import type { CognitoService } from '../../core/cognito/service';
import type { HandlerGroup } from '../router';

export interface DeviceHandlerServices {
  cognito: CognitoService;
}

export function deviceHandlers({ cognito }: DeviceHandlerServices): HandlerGroup<'devices'> {
  return {
    'devices:list': async ({ profileId }) => ({ devices: await cognito.devices.list(profileId) }),
    'devices:forget': async ({ profileId, deviceKey }) => ({
      devices: await cognito.devices.forget(profileId, deviceKey),
    }),
    'devices:setRemembered': async ({ profileId, deviceKey, remembered }) => ({
      devices: await cognito.devices.setRemembered(profileId, deviceKey, remembered),
    }),
  };
}
