/**
 * The sign-in wizard: profile → username and password → one screen per
 * challenge → "Remember this computer?" → signed in. Main runs the Cognito
 * state machine and describes each step (AuthStepView); the wizard shows one
 * step at a time, moves focus to its first field, and maps Esc to back.
 */
import type { AuthStepView } from '../../../src-main/ipc/contract';
import { on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { errorDetails } from '../../ui/field';
import { announce } from '../../ui/live';
import { placeStep } from './place-steps';
import { signInData } from './sign-in-data';
import type { SignInData } from './sign-in-data';
import { button } from './step-frame';
import type { WizardStep } from './step-frame';
import type { Place, Wizard } from './wizard';
import './sign-in.css';

function loadFailedPanel(e: unknown, retry: () => void): HTMLElement {
  const info = errorInfo(e);
  return h(
    'div',
    { class: 'panel error', role: 'alert' },
    h('h1', { class: 'screen-title' }, 'Your profiles could not be loaded'),
    h('p', {}, info.message),
    h('p', { class: 'error-details' }, errorDetails(info)),
    button('Try again', retry),
  );
}

/**
 * Another window, the tray or a background refresh changed something: what the
 * wizard knows is read again, and the overview steps are redrawn with it; a step
 * in progress is left alone so typing is never lost, but the steps it leads back
 * to show the change. Returns the function that stops listening.
 */
function followMain(
  data: SignInData,
  where: () => Place,
  go: (next: Place, quiet: boolean) => void,
): () => void {
  const reload = (): void => {
    void data.load().then(
      () => {
        const place = where();
        if (place.at === 'profiles' || place.at === 'session') go(place, true);
      },
      () => undefined,
    );
  };
  const offAuth = on('auth:changed', ({ profileId, reason }) => {
    const place = where();
    if (
      place.at === 'session' &&
      place.profileId === profileId &&
      (reason === 'signed-out' || reason === 'expired')
    ) {
      // As after signing out here: the username stays for the next sign-in.
      const username = data.sessionOf(profileId)?.username;
      data.dropSession(profileId);
      go({ at: 'password', profileId, ...(username ? { username } : {}) }, false);
    }
    reload();
  });
  const offProfiles = on('profiles:changed', reload);
  return () => {
    offAuth();
    offProfiles();
  };
}

function mountSignIn(container: HTMLElement): Unmount {
  const data = signInData();
  let place: Place = { at: 'profiles' };
  let step: WizardStep | undefined;
  let disposed = false;

  /** `quiet`: a redraw nobody asked for (a background refresh) keeps focus where it is. */
  function show(made: WizardStep, quiet = false): void {
    step?.dispose?.();
    step = made;
    container.replaceChildren(made.element);
    const title = made.element.querySelector('h1')?.textContent;
    if (quiet) return;
    if (title) announce(title);
    made.focus?.focus();
  }

  function go(next: Place, quiet = false): void {
    if (disposed) return;
    place = next;
    show(placeStep(next, wizard), quiet);
  }

  const wizard: Wizard = {
    data,
    go: (next) => go(next),
    showView(view: AuthStepView) {
      if (view.kind === 'SIGNED_IN' && view.signedIn) {
        data.putSession(view.signedIn);
        go({ at: 'session', profileId: view.profileId, device: view.device });
      } else {
        go({ at: 'attempt', view });
      }
    },
    swapIn(made) {
      if (!disposed) show(made);
    },
  };

  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || !step?.back) return;
    event.preventDefault();
    step.back();
  };
  container.addEventListener('keydown', onKey);

  container.replaceChildren(h('p', { class: 'load-status' }, 'Loading your profiles…'));
  const start = async (): Promise<void> => {
    try {
      const attempt = await data.load();
      if (attempt) wizard.showView(attempt);
      else go({ at: 'profiles' });
    } catch (e) {
      container.replaceChildren(loadFailedPanel(e, () => void start()));
    }
  };
  void start();

  const stopFollowing = followMain(data, () => place, go);

  return () => {
    disposed = true;
    step?.dispose?.();
    container.removeEventListener('keydown', onKey);
    stopFollowing();
  };
}

export const signInScreen: ScreenDefinition = {
  id: 'sign-in',
  title: 'Sign in',
  mount: mountSignIn,
};
