/**
 * Step 1: which pool to sign in to, and whether each is signed in already.
 * A signed-in profile has its Sign out right here, where people look for it.
 */
import type { ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface ProfileStepOptions {
  profiles: ProfileView[];
  selectedId: string;
  sessions: SignedInView[];
  onPick(profile: ProfileView): void;
  onSignOut(profile: ProfileView): Promise<void>;
}

export function profileStep(o: ProfileStepOptions): WizardStep {
  const signedIn = new Map(o.sessions.map((s) => [s.profileId, s]));
  let focus: HTMLElement | undefined;
  const failure = h('div', {});
  const items = o.profiles.map((p) => {
    const session = signedIn.get(p.id);
    const state = session ? `Signed in as ${session.username}` : 'Not signed in';
    const pick = h(
      'button',
      { type: 'button', class: 'profile-choice' },
      h('span', { class: 'profile-name' }, p.displayName),
      h(
        'span',
        { class: 'profile-meta' },
        `${p.userPoolId}${p.endpoint && !p.isDemo ? ` · ${p.endpoint}` : ''}`,
      ),
      h('span', { class: session ? 'badge signed-in' : 'badge' }, state),
    );
    pick.addEventListener('click', () => o.onPick(p));
    if (p.id === o.selectedId || !focus) focus = pick;
    if (!session) return h('li', {}, pick);
    const signOut = button('Sign out', () => {
      signOut.disabled = true;
      signOut.textContent = 'Signing out…';
      failure.replaceChildren();
      o.onSignOut(p).catch((e: unknown) => {
        failure.replaceChildren(errorBox(e));
        signOut.disabled = false;
        signOut.textContent = 'Sign out';
      });
    });
    signOut.setAttribute('aria-label', `Sign out of ${p.displayName}`);
    return h('li', { class: 'with-sign-out' }, pick, signOut);
  });
  const element = stepFrame({
    context: 'Sign in',
    title: 'Choose where to sign in',
    description: 'Each profile is one company user pool. Pick the one you want to sign in to.',
    body: [
      failure,
      items.length > 0
        ? h('ul', { class: 'profile-list', 'aria-label': 'Profiles' }, ...items)
        : h(
            'p',
            { class: 'empty-note' },
            'There is no profile yet. A profile tells the app which company user pool to sign in to.',
          ),
      h(
        'p',
        { class: 'field-hint' },
        'Need another pool? ',
        h('a', { href: '#/settings' }, 'Add a profile in Settings'),
        '.',
      ),
    ],
    keys: 'Tab or ↑/↓ move · Enter chooses',
  });
  const buttons = [...element.querySelectorAll<HTMLButtonElement>('.profile-choice')];
  element.addEventListener('keydown', (event) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0 || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    buttons[(i + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
  });
  return { element, focus };
}
