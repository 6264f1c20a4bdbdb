/**
 * The signed-in user's devices in a pool: name, last use, remembered or not,
 * and which one is this computer. Forget sits behind a confirmation; forgetting
 * this computer also clears its local device keys (main does that), so the next
 * sign-in asks for MFA again instead of failing on a stale key.
 */
import type { DeviceView, ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { confirmDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { selectField } from '../../ui/field';
import { toast } from '../../ui/live';
import { dateTime, relativeTime } from '../sign-in/time-text';
import '../sign-in/sign-in.css';

function mountDevices(container: HTMLElement): Unmount {
  const body = h('div', { class: 'devices-body' });
  const picker = h('div', { class: 'devices-picker' });
  container.append(
    h('div', { class: 'screen-header' }, h('h1', { class: 'screen-title' }, 'Devices')),
    h(
      'p',
      { class: 'step-description' },
      'The computers and browsers this user has signed in from. A remembered device may skip the MFA step.',
    ),
    picker,
    body,
  );

  let profileId: string | undefined;
  let profiles: ProfileView[] = [];
  let sessions: SignedInView[] = [];

  const profileName = (id: string): string => profiles.find((p) => p.id === id)?.displayName ?? id;

  async function loadDevices(focusKey?: string): Promise<void> {
    const id = profileId;
    if (!id) return;
    body.replaceChildren(h('p', { class: 'load-status' }, 'Asking Cognito for the devices…'));
    try {
      const { devices } = await call('devices:list', { profileId: id });
      if (id === profileId) renderDevices(devices, focusKey);
    } catch (e) {
      body.replaceChildren(
        errorPanel('The devices could not be loaded', e, () => void loadDevices()),
      );
    }
  }

  function renderDevices(devices: DeviceView[], focusKey?: string): void {
    if (devices.length === 0) {
      body.replaceChildren(
        h(
          'p',
          { class: 'empty-note' },
          'This user has no devices. The pool may not track devices.',
        ),
      );
      return;
    }
    const failure = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const rows = devices.map((d) => {
      const forget = h(
        'button',
        { type: 'button', class: 'button small danger', 'aria-label': `Forget ${d.name}` },
        'Forget…',
      );
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'button small',
          'aria-label': `${d.remembered ? 'Stop remembering' : 'Remember'} ${d.name}`,
        },
        d.remembered ? 'Stop remembering' : 'Remember',
      );
      const run = async (
        b: HTMLButtonElement,
        busy: string,
        work: () => Promise<void>,
      ): Promise<void> => {
        b.disabled = true;
        b.textContent = busy;
        failure.hidden = true;
        try {
          await work();
        } catch (e) {
          failure.replaceChildren(errorPanel('That did not work', e));
          failure.hidden = false;
          b.disabled = false;
          b.textContent = b === forget ? 'Forget…' : d.remembered ? 'Stop remembering' : 'Remember';
        }
      };
      forget.addEventListener('click', () => {
        void confirmDialog({
          title: `Forget ${d.isThisDevice ? 'this computer' : d.name}?`,
          message: d.isThisDevice
            ? 'Cognito will no longer know this computer, and its device keys are deleted here too. The next sign-in on this computer asks for MFA again.'
            : `Cognito will no longer know “${d.name}”. The next sign-in from it asks for MFA again.`,
          confirmLabel: 'Forget device',
          danger: true,
        }).then((sure) => {
          if (!sure) return;
          void run(forget, 'Forgetting…', async () => {
            const { devices: next } = await call('devices:forget', {
              profileId: profileId ?? '',
              deviceKey: d.deviceKey,
            });
            toast(d.isThisDevice ? 'This computer was forgotten.' : `Forgot ${d.name}.`);
            renderDevices(next);
          });
        });
      });
      toggle.addEventListener('click', () => {
        void run(toggle, 'Saving…', async () => {
          const { devices: next } = await call('devices:setRemembered', {
            profileId: profileId ?? '',
            deviceKey: d.deviceKey,
            remembered: !d.remembered,
          });
          toast(
            d.remembered ? `${d.name} is no longer remembered.` : `${d.name} is now remembered.`,
          );
          renderDevices(next, d.deviceKey);
        });
      });
      const row = h(
        'tr',
        { 'data-device-key': d.deviceKey },
        h(
          'th',
          { scope: 'row' },
          h('span', { class: 'device-name' }, d.name),
          d.isThisDevice ? h('span', { class: 'badge signed-in' }, 'This device') : null,
        ),
        h(
          'td',
          {},
          d.lastUsedAt !== undefined
            ? h(
                'span',
                { title: dateTime(d.lastUsedAt) },
                relativeTime(Math.min(d.lastUsedAt, Date.now())),
              )
            : 'Unknown',
        ),
        h('td', {}, d.remembered ? 'Remembered' : 'Not remembered'),
        h('td', {}, h('div', { class: 'device-actions' }, toggle, forget)),
      );
      if (d.deviceKey === focusKey) queueMicrotask(() => toggle.focus());
      return row;
    });
    body.replaceChildren(
      failure,
      h(
        'table',
        { class: 'devices' },
        h(
          'caption',
          { class: 'visually-hidden' },
          `Devices of ${sessions.find((s) => s.profileId === profileId)?.username ?? 'this user'} in ${profileName(profileId ?? '')}`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Device'),
            h('th', { scope: 'col' }, 'Last used'),
            h('th', { scope: 'col' }, 'Remembered'),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const [list, state] = await Promise.all([call('profiles:list', {}), call('auth:state', {})]);
      profiles = list.profiles;
      sessions = state.sessions;
      const signedIn = sessions.map((s) => s.profileId);
      if (signedIn.length === 0) {
        profileId = undefined;
        picker.replaceChildren();
        body.replaceChildren(
          h(
            'div',
            { class: 'empty' },
            h('h2', {}, 'Sign in to see your devices'),
            h(
              'p',
              {},
              'Devices belong to a signed-in user. ',
              h('a', { href: '#/sign-in' }, 'Sign in'),
              ' first.',
            ),
          ),
        );
        return;
      }
      if (!profileId || !signedIn.includes(profileId))
        profileId = signedIn.includes(list.selectedId) ? list.selectedId : signedIn[0];
      if (signedIn.length > 1) {
        const select = selectField({
          name: 'profile',
          label: 'Profile',
          options: sessions.map((s) => ({
            value: s.profileId,
            label: `${profileName(s.profileId)} — ${s.username}`,
          })),
          value: profileId,
        });
        select.control.addEventListener('change', () => {
          profileId = select.control.value;
          void loadDevices();
        });
        picker.replaceChildren(select.root);
      } else {
        const session = sessions[0];
        picker.replaceChildren(
          h(
            'p',
            { class: 'field-hint' },
            `${profileName(profileId ?? '')} · signed in as ${session?.username ?? ''}`,
          ),
        );
      }
      await loadDevices();
    } catch (e) {
      body.replaceChildren(errorPanel('The devices could not be loaded', e, () => void load()));
    }
  }
  void load();
  const off = on('auth:changed', ({ reason }) => {
    if (reason !== 'refreshed') void load();
  });
  return off;
}

export const devicesScreen: ScreenDefinition = {
  id: 'devices',
  title: 'Devices',
  mount: mountDevices,
};
