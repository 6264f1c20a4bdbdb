/**
 * The admin console: pick a profile, turn admin mode on for it (off until
 * chosen), see which AWS identity it acts as, then find users, look after
 * one, enroll a colleague at the desk, read the pool's configuration and the
 * audit log. Main holds the AWS credentials; this screen never sees them.
 */
import type {
  AdminConfigView,
  AdminIdentityView,
  ProfileView,
} from '../../../src-main/ipc/contract';
import { call } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h } from '../../ui/dom';
import { errorBox, errorPanel } from '../../ui/error-display';
import { selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { auditView } from './audit';
import { deskView } from './desk';
import { poolView } from './pool';
import { userPage } from './user-page';
import { usersView } from './users';
import type { AdminContext } from './context';
import './admin.css';

type Place =
  | { at: 'users' }
  | { at: 'user'; username: string }
  | { at: 'desk'; username: string }
  | { at: 'pool' }
  | { at: 'audit' };

function mountAdmin(container: HTMLElement): Unmount {
  const picker = h('div', { class: 'admin-picker' });
  const mode = h('section', { class: 'admin-mode', 'aria-label': 'Admin mode' });
  const tabs = h('nav', { class: 'admin-tabs', 'aria-label': 'Admin sections' });
  const body = h('div', { class: 'admin-body' });
  container.append(
    h('div', { class: 'screen-header' }, h('h1', { class: 'screen-title' }, 'Admin')),
    h(
      'p',
      { class: 'step-description' },
      'Look after the users of a pool with your own AWS credentials: find them, reset a lost phone, enroll a colleague at your desk.',
    ),
    picker,
    mode,
    tabs,
    body,
  );

  let profiles: ProfileView[] = [];
  let profileId = '';
  let disposed = false;
  let disposeBody: (() => void) | undefined;

  const profile = () => profiles.find((p) => p.id === profileId);

  function show(place: Place, focus = true): void {
    if (disposed) return;
    disposeBody?.();
    disposeBody = undefined;
    const p = profile();
    if (!p) return;
    const ctx: AdminContext = {
      profile: p,
      openUser: (username) => show({ at: 'user', username }),
      openUsers: () => show({ at: 'users' }),
      openDesk: (username) => show({ at: 'desk', username }),
    };
    for (const link of tabs.querySelectorAll('button')) {
      const current =
        link.dataset.place === place.at || (link.dataset.place === 'users' && place.at === 'user');
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const view =
      place.at === 'users'
        ? usersView(ctx)
        : place.at === 'user'
          ? userPage(ctx, place.username)
          : place.at === 'desk'
            ? deskView(ctx, place.username)
            : place.at === 'pool'
              ? poolView(ctx)
              : auditView();
    body.replaceChildren(view.element);
    disposeBody = view.dispose;
    if (focus) view.focus?.focus();
  }

  function renderTabs(): void {
    const tab = (place: Place['at'], label: string) => {
      const b = h('button', { type: 'button', class: 'tab', 'data-place': place }, label);
      b.addEventListener('click', () => show({ at: place } as Place));
      return b;
    };
    tabs.replaceChildren(tab('users', 'Users'), tab('pool', 'Pool'), tab('audit', 'Audit log'));
  }

  function renderOff(config: AdminConfigView): void {
    tabs.replaceChildren();
    body.replaceChildren();
    const awsProfile = textField({
      name: 'awsProfile',
      label: 'AWS profile for admin calls (optional)',
      hint: 'A profile from ~/.aws/config: SSO, assume-role, credential_process or keys. Empty: the default AWS credentials (environment first).',
      value: config.awsProfile ?? '',
    });
    const form = createForm({
      fields: config.isDemo ? [] : [awsProfile],
      submitLabel: 'Turn on admin mode',
      busyLabel: 'Turning on…',
      onSubmit: async () => {
        const next = await call('admin:configure', {
          profileId,
          enabled: true,
          ...(config.isDemo ? {} : { awsProfile: awsProfile.control.value }),
        });
        toast('Admin mode is on for this profile.');
        await renderMode(next);
      },
    });
    mode.replaceChildren(
      h('h2', {}, 'Admin mode is off'),
      h(
        'p',
        {},
        config.isDemo
          ? 'The demo pool signs admin calls with the emulator’s documented local key pair; nothing to set up.'
          : 'Admin calls are signed with your AWS credentials (IAM), not with a user’s sign-in. They are never copied into this app.',
      ),
      form.element,
    );
  }

  async function renderMode(config: AdminConfigView): Promise<void> {
    // A late answer for a profile no longer chosen must not draw over the current one.
    if (config.profileId !== profileId || disposed) return;
    if (!config.enabled) {
      renderOff(config);
      return;
    }
    mode.replaceChildren(h('p', { class: 'load-status' }, 'Checking your AWS credentials…'));
    let identity: AdminIdentityView;
    try {
      identity = await call('admin:identity', { profileId: config.profileId });
    } catch (e) {
      if (config.profileId !== profileId || disposed) return;
      tabs.replaceChildren();
      body.replaceChildren();
      mode.replaceChildren(
        errorPanel('Your AWS credentials could not be used', e, () => void renderMode(config)),
        turnOff(),
      );
      return;
    }
    if (config.profileId !== profileId || disposed) return;
    mode.replaceChildren(
      h(
        'p',
        { class: 'admin-identity' },
        h('strong', {}, 'Acting as '),
        `${identity.label} (${identity.accessKeyHint})`,
        identity.expiresAt
          ? ` · credentials valid until ${new Date(identity.expiresAt).toLocaleTimeString()}`
          : '',
      ),
      turnOff(),
    );
    renderTabs();
    show({ at: 'users' }, false);
  }

  function turnOff(): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'button subtle' }, 'Turn admin mode off');
    b.addEventListener('click', () => {
      void call('admin:configure', { profileId, enabled: false }).then(
        (next) => {
          toast('Admin mode is off for this profile.');
          return renderMode(next);
        },
        (e: unknown) => mode.append(errorBox(e)),
      );
    });
    return b;
  }

  async function pick(id: string): Promise<void> {
    profileId = id;
    disposeBody?.();
    disposeBody = undefined;
    try {
      await renderMode(await call('admin:config', { profileId: id }));
    } catch (e) {
      mode.replaceChildren(errorPanel('Admin mode could not be read', e, () => void pick(id)));
    }
  }

  async function start(): Promise<void> {
    try {
      const list = await call('profiles:list', {});
      profiles = list.profiles;
      const select = selectField({
        name: 'profile',
        label: 'Profile',
        options: profiles.map((p) => ({ value: p.id, label: p.displayName })),
        value: list.selectedId,
      });
      select.control.addEventListener('change', () => void pick(select.control.value));
      picker.replaceChildren(select.root);
      await pick(select.control.value);
    } catch (e) {
      picker.replaceChildren(
        errorPanel('Your profiles could not be loaded', e, () => void start()),
      );
    }
  }
  void start();

  return () => {
    disposed = true;
    disposeBody?.();
  };
}

export const adminScreen: ScreenDefinition = {
  id: 'admin',
  title: 'Admin',
  mount: mountAdmin,
};
