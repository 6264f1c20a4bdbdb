/**
 * The steps after the challenges: "Remember this computer?", the expired
 * Session, and signed in (who, until when, what happened to this computer,
 * sign out and sign out everywhere).
 */
import type {
  AuthStepView,
  DeviceOutcomeView,
  ProfileView,
  SignedInView,
} from '../../../src-main/ipc/contract';
import { confirmDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorInfo, errorLines } from '../../ui/error-display';
import { errorDetails } from '../../ui/field';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';
import { clockTime, relativeTime } from './time-text';

/**
 * Runs an action from a button: the button says what is being waited for, a
 * failure shows beside it. `confirm`, when given, asks first (before the
 * button turns busy) and a "no" does nothing.
 */
function busyAction(
  b: HTMLButtonElement,
  busyLabel: string,
  errorSlot: HTMLElement,
  work: () => Promise<void>,
  confirm?: () => Promise<boolean>,
): void {
  b.addEventListener('click', () => {
    if (confirm) {
      void confirm().then((yes) => {
        if (yes) run();
      });
    } else {
      run();
    }
  });
  function run(): void {
    const label = b.textContent ?? '';
    b.disabled = true;
    b.textContent = busyLabel;
    errorSlot.hidden = true;
    work()
      .catch((e: unknown) => {
        errorSlot.replaceChildren(...errorLines(errorInfo(e)));
        errorSlot.hidden = false;
      })
      .finally(() => {
        if (!b.isConnected) return;
        b.disabled = false;
        b.textContent = label;
      });
  }
}

function errorSlot(): HTMLElement {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}

const OUTCOME_TITLES: Record<DeviceOutcomeView['status'], string> = {
  remembered: 'Remembered device',
  'confirmed-not-remembered': 'Known device, not remembered',
  'awaiting-choice': 'Device not remembered yet',
  declined: 'Not remembered',
  failed: 'This computer could not be remembered',
  'not-tracked': 'Devices are not remembered in this pool',
};

/** What happened to "remember this computer": always visible, success or not. */
export function deviceOutcome(device: DeviceOutcomeView): HTMLElement {
  const tone =
    device.status === 'failed' ? 'error' : device.status === 'remembered' ? 'good' : 'info';
  return h(
    'div',
    { class: `outcome ${tone}`, role: device.status === 'failed' ? 'alert' : 'status' },
    h('p', { class: 'outcome-title' }, OUTCOME_TITLES[device.status]),
    h('p', {}, device.message),
    device.error ? h('p', { class: 'error-details' }, errorDetails(device.error)) : null,
  );
}

export interface RememberActions {
  remember(yes: boolean): Promise<void>;
}

export function rememberStep(
  view: AuthStepView,
  profile: ProfileView,
  actions: RememberActions,
): WizardStep {
  const failure = errorSlot();
  const yes = button('Remember this computer', () => undefined, 'primary');
  const no = button('Not now', () => undefined);
  busyAction(yes, 'Remembering this computer…', failure, () => actions.remember(true));
  busyAction(no, 'Saving your choice…', failure, () => actions.remember(false));
  const element = stepFrame({
    context: `Signed in · ${profile.displayName} · ${view.username}`,
    title: view.title,
    description: view.description,
    body: [
      h(
        'p',
        { class: 'field-hint' },
        'Only say yes on a computer that only you use. You can forget it later on the Devices screen.',
      ),
      failure,
      h('div', { class: 'form-actions start' }, yes, no),
    ],
    keys: 'Enter remembers · Esc is “Not now”',
  });
  return { element, focus: yes, back: () => no.click() };
}

export function expiredStep(
  view: AuthStepView,
  profile: ProfileView,
  restart: () => Promise<void>,
  startOver: () => void,
): WizardStep {
  const failure = errorSlot();
  const again = button('Start a fresh session', () => undefined, 'primary');
  busyAction(again, 'Starting a fresh session…', failure, restart);
  const element = stepFrame({
    context: `Sign in · ${profile.displayName} · ${view.username}`,
    title: view.title,
    description: view.description,
    body: [
      failure,
      h('div', { class: 'form-actions start' }, again, button('Use another account', startOver)),
    ],
    keys: 'Enter starts again · Esc goes back',
  });
  return { element, focus: again, back: startOver };
}

export interface SessionActions {
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
  refresh(): Promise<void>;
  switchProfile(): void;
  mySessions(): void;
  myAccount(): void;
}

/** Who is signed in, until when, and the ways out. */
export function sessionPanel(
  session: SignedInView,
  profile: ProfileView,
  actions: SessionActions,
): HTMLElement {
  const failure = errorSlot();
  const signOut = button('Sign out', () => undefined);
  const everywhere = button('Sign out everywhere…', () => undefined);
  const refresh = button('Refresh tokens now', () => undefined, 'subtle');
  busyAction(signOut, 'Signing out…', failure, actions.signOut);
  busyAction(refresh, 'Refreshing…', failure, actions.refresh);
  busyAction(everywhere, 'Signing out everywhere…', failure, actions.signOutEverywhere, () =>
    confirmDialog({
      title: 'Sign out everywhere?',
      message: `This ends every session of ${session.username} in ${profile.displayName}, on every device and in every app, not just here. Each will need the password (and MFA) again.`,
      confirmLabel: 'Sign out everywhere',
      danger: true,
    }),
  );
  const rows: [string, Node | string][] = [
    ['User', h('span', {}, session.username, session.email ? ` (${session.email})` : '')],
    ['Pool', `${profile.displayName} (${profile.userPoolId})`],
    [
      'Tokens valid until',
      `${clockTime(session.accessTokenExpiresAt)} (${relativeTime(session.accessTokenExpiresAt)}); renewed automatically before then`,
    ],
    [
      'This computer',
      session.deviceKnown ? 'A registered device of this user' : 'Not a registered device',
    ],
  ];
  if (session.groups.length > 0) rows.push(['Groups', session.groups.join(', ')]);
  return h(
    'section',
    { class: 'session-panel', 'aria-label': 'Signed-in session' },
    h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    failure,
    h('div', { class: 'form-actions start' }, signOut, everywhere, refresh),
    h(
      'p',
      { class: 'session-links' },
      h('a', { href: '#/devices' }, 'Devices of this user'),
      ' · ',
      h('a', { href: '#/settings' }, 'MFA settings'),
      ' · ',
      (() => {
        const link = h('a', { href: '#/sign-in' }, 'Your account');
        link.addEventListener('click', (event) => {
          event.preventDefault();
          actions.myAccount();
        });
        return link;
      })(),
      ' · ',
      (() => {
        const link = h('a', { href: '#/sign-in' }, 'Where you are signed in');
        link.addEventListener('click', (event) => {
          event.preventDefault();
          actions.mySessions();
        });
        return link;
      })(),
      ' · ',
      (() => {
        const link = h('a', { href: '#/sign-in' }, 'Sign in to another profile');
        link.addEventListener('click', (event) => {
          event.preventDefault();
          actions.switchProfile();
        });
        return link;
      })(),
    ),
  );
}

export function signedInStep(
  session: SignedInView,
  profile: ProfileView,
  device: DeviceOutcomeView | undefined,
  actions: SessionActions,
): WizardStep {
  const panel = sessionPanel(session, profile, actions);
  const element = stepFrame({
    context: `Signed in · ${profile.displayName}`,
    title: `Signed in as ${session.username}`,
    description: 'You are signed in. The app keeps your session fresh in the background.',
    body: [device ? deviceOutcome(device) : null, panel],
  });
  return {
    element,
    focus: element.querySelector<HTMLElement>('h1') ?? undefined,
    back: actions.switchProfile,
  };
}
