/**
 * Remember, stop remembering and forget, each through main: a button says
 * what is being waited for, Forget asks first, and a failure shows in the
 * screen's alert. Each answers with the device list as main has it now.
 */
import type { DeviceView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { confirmDialog } from '../../ui/dialog';
import { errorPanel } from '../../ui/error-display';
import { toast } from '../../ui/live';
import type { DeviceRowActions } from './device-table';

export interface DeviceActionsOptions {
  profileId(): string;
  /** Where a failure is shown. */
  failure: HTMLElement;
  /** The new list, and which device changed and whether it is gone from it. */
  onChanged(devices: DeviceView[], change: { device: DeviceView; removed: boolean }): void;
}

async function busy(
  button: HTMLButtonElement,
  label: string,
  failure: HTMLElement,
  work: () => Promise<void>,
): Promise<void> {
  const idle = button.textContent ?? '';
  button.disabled = true;
  button.textContent = label;
  failure.hidden = true;
  try {
    await work();
  } catch (e) {
    failure.replaceChildren(errorPanel('That did not work', e));
    failure.hidden = false;
    button.disabled = false;
    button.textContent = idle;
  }
}

export function deviceActions(o: DeviceActionsOptions): DeviceRowActions {
  return {
    toggleRemembered(d, button) {
      void busy(button, 'Saving…', o.failure, async () => {
        const { devices } = await call('devices:setRemembered', {
          profileId: o.profileId(),
          deviceKey: d.deviceKey,
          remembered: !d.remembered,
        });
        toast(d.remembered ? `${d.name} is no longer remembered.` : `${d.name} is now remembered.`);
        o.onChanged(devices, { device: d, removed: false });
      });
    },
    forget(d, button) {
      void confirmDialog({
        title: `Forget ${d.isThisDevice ? 'this computer' : d.name}?`,
        message: d.isThisDevice
          ? 'Cognito will no longer know this computer, and its device keys are deleted here too. The next sign-in on this computer asks for MFA again.'
          : `Cognito will no longer know “${d.name}”. The next sign-in from it asks for MFA again.`,
        confirmLabel: 'Forget device',
        danger: true,
      }).then((sure) => {
        if (!sure) return;
        void busy(button, 'Forgetting…', o.failure, async () => {
          const { devices } = await call('devices:forget', {
            profileId: o.profileId(),
            deviceKey: d.deviceKey,
          });
          toast(d.isThisDevice ? 'This computer was forgotten.' : `Forgot ${d.name}.`);
          o.onChanged(devices, { device: d, removed: true });
        });
      });
    },
  };
}
