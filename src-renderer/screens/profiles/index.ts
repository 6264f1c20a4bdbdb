/**
 * Profiles and settings: the pools this app signs in to (add, edit, remove,
 * choose); for the chosen profile when signed in, its MFA settings; and the
 * app's clipboard delay, lock and command-line access list.
 */
import type { ProfilesView, ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { confirmDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { toast } from '../../ui/live';
import { appSettings } from './app-settings';
import { mfaSection } from './mfa-settings';
import { openProfileDialog } from './profile-dialog';
import '../sign-in/sign-in.css';

const FLOW_NAMES: Record<ProfileView['authFlow'], string> = {
  USER_SRP_AUTH: 'SRP',
  USER_PASSWORD_AUTH: 'Plain password (USER_PASSWORD_AUTH)',
  CUSTOM_AUTH: 'Custom challenge (CUSTOM_AUTH)',
  USER_AUTH: 'Choice-based (USER_AUTH)',
};

function mountSettings(container: HTMLElement): Unmount {
  const add = h('button', { type: 'button', class: 'button primary' }, 'Add profile…');
  const list = h('ul', { class: 'profile-cards', 'aria-label': 'Profiles' });
  const failure = h('div', {});
  const empty = h(
    'p',
    { class: 'empty-note', hidden: true },
    'No profiles yet. Add one with the values your administrator gave you: the region, the user pool id and the app client id.',
  );
  const mfa = h('div', {});
  const app = appSettings();
  container.append(
    h('div', { class: 'screen-header' }, h('h1', { class: 'screen-title' }, 'Settings'), add),
    h(
      'section',
      { class: 'settings-section', 'aria-labelledby': 'profiles-title' },
      h('h2', { id: 'profiles-title' }, 'Profiles'),
      h(
        'p',
        { class: 'field-hint' },
        'Each profile is one Cognito user pool and app client. Sign-in, Devices and the MFA settings start with the default profile.',
      ),
      failure,
      empty,
      list,
    ),
    mfa,
    app.element,
  );

  let view: ProfilesView = { profiles: [], selectedId: '' };
  let sessions: SignedInView[] = [];

  const act = (work: () => Promise<unknown>): void => {
    failure.replaceChildren();
    work().catch((e: unknown) => failure.replaceChildren(errorPanel('That did not work', e)));
  };

  function card(p: ProfileView): HTMLElement {
    const session = sessions.find((s) => s.profileId === p.id);
    const selected = p.id === view.selectedId;
    const use = h(
      'button',
      { type: 'button', class: 'button small', 'aria-label': `Make ${p.displayName} the default` },
      'Make default',
    );
    use.addEventListener('click', () =>
      act(async () => {
        view = await call('profiles:select', { profileId: p.id });
        render();
      }),
    );
    const edit = h(
      'button',
      { type: 'button', class: 'button small', 'aria-label': `Edit ${p.displayName}` },
      'Edit…',
    );
    edit.addEventListener('click', () => openProfileDialog(p, () => void load()));
    const remove = h(
      'button',
      { type: 'button', class: 'button small danger', 'aria-label': `Remove ${p.displayName}` },
      'Remove…',
    );
    remove.addEventListener('click', () => {
      void confirmDialog({
        title: `Remove ${p.displayName}?`,
        message:
          'This signs the profile out (revoking its session at the pool) and deletes its client secret, tokens and device keys from the keychain. The user pool itself is not changed.',
        confirmLabel: 'Remove profile',
        danger: true,
      }).then((sure) => {
        if (!sure) return;
        act(async () => {
          const removal = await call('profiles:remove', { profileId: p.id });
          view = removal;
          if (removal.revokeFailure)
            toast(
              `Removed ${p.displayName}. Signed out locally; the pool could not be reached to revoke the session.`,
              'error',
            );
          else toast(`Removed ${p.displayName}.`);
          render();
        });
      });
    });
    const facts: [string, string][] = [
      ['Pool', `${p.userPoolId} (${p.region})`],
      ['App client', `${p.clientId}${p.hasClientSecret ? ', with a secret' : ''}`],
      ['Sign-in', FLOW_NAMES[p.authFlow]],
    ];
    if (p.endpoint) facts.push(['Endpoint', p.endpoint]);
    return h(
      'li',
      { class: selected ? 'profile-card selected' : 'profile-card', 'aria-label': p.displayName },
      h(
        'div',
        { class: 'profile-card-head' },
        h('h3', {}, p.displayName),
        selected ? h('span', { class: 'badge' }, 'Default') : null,
        h(
          'span',
          { class: session ? 'badge signed-in' : 'badge' },
          session ? `Signed in as ${session.username}` : 'Not signed in',
        ),
      ),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h(
        'div',
        { class: 'form-actions start' },
        selected ? null : use,
        p.isDemo
          ? h('span', { class: 'field-hint' }, 'The built-in demo profile cannot be changed.')
          : edit,
        p.isDemo ? null : remove,
      ),
    );
  }

  function render(): void {
    list.replaceChildren(...view.profiles.map(card));
    empty.hidden = view.profiles.length > 0;
    const chosen = view.profiles.find((p) => p.id === view.selectedId);
    const session = chosen && sessions.find((s) => s.profileId === chosen.id);
    if (chosen && session) mfa.replaceChildren(mfaSection(chosen, session));
    else
      mfa.replaceChildren(
        h(
          'section',
          { class: 'settings-section', 'aria-labelledby': 'mfa-title' },
          h('h2', { id: 'mfa-title' }, 'Multi-factor authentication'),
          h(
            'p',
            {},
            'MFA settings belong to a signed-in user. ',
            h('a', { href: '#/sign-in' }, 'Sign in'),
            chosen ? ` to ${chosen.displayName} first.` : ' first.',
          ),
        ),
      );
  }

  async function load(): Promise<void> {
    try {
      const [list, state] = await Promise.all([call('profiles:list', {}), call('auth:state', {})]);
      view = list;
      sessions = state.sessions;
      render();
    } catch (e) {
      failure.replaceChildren(errorPanel('Your profiles could not be loaded', e));
    }
  }
  add.addEventListener('click', () =>
    openProfileDialog(undefined, (added) => {
      const before = view.selectedId;
      void load().then(() => {
        // The first profile of one's own takes over from the demo: never silently.
        if (view.selectedId === added.id && before !== added.id)
          toast(`Added ${added.displayName}. It is now the default profile for sign-in.`);
      });
    }),
  );
  void load();
  const offProfiles = on('profiles:changed', () => void load());
  const offAuth = on('auth:changed', ({ reason }) => {
    if (reason !== 'refreshed') void load();
  });
  return () => {
    offProfiles();
    offAuth();
    app.dispose();
  };
}

export const settingsScreen: ScreenDefinition = {
  id: 'settings',
  title: 'Settings',
  mount: mountSettings,
};
