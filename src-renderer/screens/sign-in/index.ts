/**
 * The sign-in wizard: profile → username and password → one screen per
 * challenge → "Remember this computer?" → signed in. Main runs the Cognito
 * state machine and describes each step (AuthStepView); the wizard shows one
 * step at a time, moves focus to its first field, and maps Esc to back.
 */
import type {
  AuthStepView,
  DeviceOutcomeView,
  ProfilesView,
  ProfileView,
  SignedInView,
} from '../../../src-main/ipc/contract';
import { ApiError, call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { errorDetails } from '../../ui/field';
import { announce, toast } from '../../ui/live';
import { challengeStep } from './challenge-step';
import { chooseFactorStep } from './choose-factor-step';
import { forgotPasswordStep } from './forgot-password-step';
import { myAccountStep } from './my-account-step';
import { mySessionsStep } from './my-sessions-step';
import { signUpStep } from './sign-up-step';
import { passwordStep } from './password-step';
import { profileStep } from './profile-step';
import { expiredStep, rememberStep, signedInStep } from './result-steps';
import { button } from './step-frame';
import type { WizardStep } from './step-frame';
import './sign-in.css';

type Place =
  | { at: 'profiles' }
  | { at: 'password'; profileId: string; username?: string }
  | { at: 'attempt'; view: AuthStepView }
  | { at: 'forgot'; profileId: string; username?: string; required?: boolean }
  | { at: 'my-sessions'; profileId: string }
  | { at: 'sign-up'; profileId: string }
  | { at: 'my-account'; profileId: string }
  | { at: 'session'; profileId: string; device?: DeviceOutcomeView };

function mountSignIn(container: HTMLElement): Unmount {
  let profiles: ProfilesView = { profiles: [], selectedId: '' };
  let sessions: SignedInView[] = [];
  let lastUsernames: Record<string, string> = {};
  let place: Place = { at: 'profiles' };
  let step: WizardStep | undefined;
  let disposed = false;

  const profileById = (id: string): ProfileView | undefined =>
    profiles.profiles.find((p) => p.id === id);
  const sessionOf = (id: string): SignedInView | undefined =>
    sessions.find((s) => s.profileId === id);

  const load = async (): Promise<AuthStepView | undefined> => {
    const [list, state] = await Promise.all([call('profiles:list', {}), call('auth:state', {})]);
    profiles = list;
    sessions = state.sessions;
    lastUsernames = state.lastUsernames ?? {};
    return state.attempt;
  };

  const computerNameOf = (view: AuthStepView): string =>
    view.fields.find((f) => f.name === 'friendlyDeviceName')?.value ?? '';

  /** `quiet`: a redraw nobody asked for (a background refresh) keeps focus where it is. */
  function go(next: Place, quiet = false): void {
    if (disposed) return;
    place = next;
    const made = build(next);
    step?.dispose?.();
    step = made;
    container.replaceChildren(made.element);
    const title = made.element.querySelector('h1')?.textContent;
    if (quiet) return;
    if (title) announce(title);
    made.focus?.focus();
  }

  /** After every answer: the next step main describes. */
  function showView(view: AuthStepView): void {
    if (view.kind === 'SIGNED_IN' && view.signedIn) {
      sessions = [...sessions.filter((s) => s.profileId !== view.profileId), view.signedIn];
      go({ at: 'session', profileId: view.profileId, device: view.device });
    } else {
      go({ at: 'attempt', view });
    }
  }

  const sessionActions = (profileId: string) => ({
    signOut: async () => {
      const username = sessionOf(profileId)?.username;
      await call('auth:signOut', { profileId });
      sessions = sessions.filter((s) => s.profileId !== profileId);
      toast('Signed out.');
      go({ at: 'password', profileId, ...(username ? { username } : {}) });
    },
    signOutEverywhere: async () => {
      const username = sessionOf(profileId)?.username;
      await call('auth:signOutEverywhere', { profileId });
      sessions = sessions.filter((s) => s.profileId !== profileId);
      toast('Signed out on every device.');
      go({ at: 'password', profileId, ...(username ? { username } : {}) });
    },
    refresh: async () => {
      const fresh = await call('auth:refresh', { profileId });
      sessions = [...sessions.filter((s) => s.profileId !== profileId), fresh];
      toast('Tokens refreshed.');
      go({ at: 'session', profileId });
    },
    switchProfile: () => go({ at: 'profiles' }),
    mySessions: () => go({ at: 'my-sessions', profileId }),
    myAccount: () => go({ at: 'my-account', profileId }),
  });

  /** A step that shows further screens of its own (forgot password) swaps them in here. */
  function swapIn(made: WizardStep): void {
    if (disposed) return;
    step?.dispose?.();
    step = made;
    container.replaceChildren(made.element);
    const title = made.element.querySelector('h1')?.textContent;
    if (title) announce(title);
    made.focus?.focus();
  }

  function build(p: Place): WizardStep {
    switch (p.at) {
      case 'profiles':
        return profileStep({
          profiles: profiles.profiles,
          selectedId: profiles.selectedId,
          sessions,
          onPick: (profile) => {
            // Remembering the choice is a convenience: if it fails (the profile was just
            // removed elsewhere), the sign-in itself reports the real problem.
            void call('profiles:select', { profileId: profile.id }).then(
              (list) => {
                profiles = list;
              },
              () => undefined,
            );
            go(
              sessionOf(profile.id)
                ? { at: 'session', profileId: profile.id }
                : { at: 'password', profileId: profile.id },
            );
          },
          onSignOut: async (profile) => {
            await call('auth:signOut', { profileId: profile.id });
            sessions = sessions.filter((s) => s.profileId !== profile.id);
            toast(`Signed out of ${profile.displayName}.`);
            go({ at: 'profiles' });
          },
        });
      case 'password': {
        const profile = profileById(p.profileId);
        if (!profile) return build({ at: 'profiles' });
        const username = p.username ?? lastUsernames[profile.id];
        return passwordStep({
          profile,
          ...(username ? { username } : {}),
          onBack: () => go({ at: 'profiles' }),
          onSignUp: () => go({ at: 'sign-up', profileId: profile.id }),
          onDemoProfile: (profileId, username) => go({ at: 'password', profileId, username }),
          onForgotPassword: (username) =>
            go({ at: 'forgot', profileId: profile.id, ...(username ? { username } : {}) }),
          onSubmit: async (username, password, signal) => {
            let view: AuthStepView;
            try {
              view = await call('auth:start', {
                profileId: profile.id,
                username,
                ...(password !== undefined ? { password } : {}),
              });
            } catch (e) {
              // The pool wants a new password first: the reset is the way on, not an error.
              if (!(e instanceof ApiError) || e.code !== 'PASSWORD_RESET_REQUIRED') throw e;
              if (!signal.aborted)
                go({ at: 'forgot', profileId: profile.id, username, required: true });
              return;
            }
            // Cancelled while waiting: the attempt that got through anyway is closed, not shown.
            if (signal.aborted) {
              void call('auth:cancel', { attemptId: view.attemptId }).catch(() => undefined);
              return;
            }
            showView(view);
          },
        });
      }
      case 'attempt': {
        const view = p.view;
        const profile = profileById(view.profileId);
        if (!profile) return build({ at: 'profiles' });
        const startOver = (): void => {
          // Best effort: an attempt left open is replaced by the next auth:start anyway.
          void call('auth:cancel', { attemptId: view.attemptId }).catch(() => undefined);
          go({ at: 'password', profileId: view.profileId, username: view.username });
        };
        const restart = async (): Promise<void> => {
          showView(await call('auth:restart', { attemptId: view.attemptId }));
          toast(
            view.kind === 'MFA_SETUP'
              ? 'A fresh session started. Scan the new QR code.'
              : 'A fresh session started.',
          );
        };
        if (view.kind === 'REMEMBER_DEVICE') {
          return rememberStep(view, profile, {
            remember: async (yes) => {
              showView(
                await call('auth:rememberDevice', { attemptId: view.attemptId, remember: yes }),
              );
            },
          });
        }
        if (view.kind === 'SESSION_EXPIRED') return expiredStep(view, profile, restart, startOver);
        if (view.kind === 'SELECT_CHALLENGE')
          return chooseFactorStep(view, profile, {
            respond: async (answer) => {
              showView(await call('auth:respond', { attemptId: view.attemptId, answer }));
            },
            startOver,
          });
        if (view.kind === 'SIGNED_IN') {
          if (view.signedIn)
            return build({ at: 'session', profileId: view.profileId, device: view.device });
          return build({ at: 'profiles' });
        }
        return challengeStep(view, profile, computerNameOf(view), {
          respond: async (answer) => {
            showView(await call('auth:respond', { attemptId: view.attemptId, answer }));
          },
          autofill: async () => {
            showView(await call('auth:autofill', { attemptId: view.attemptId }));
          },
          restart,
          startOver,
          sessionExpiresAt: async () => {
            const { attempt } = await call('auth:state', {});
            return attempt?.attemptId === view.attemptId ? attempt.sessionExpiresAt : undefined;
          },
        });
      }
      case 'forgot': {
        const profile = profileById(p.profileId);
        if (!profile) return build({ at: 'profiles' });
        return forgotPasswordStep({
          profile,
          ...(p.username ? { username: p.username } : {}),
          ...(p.required ? { required: true } : {}),
          show: swapIn,
          done: (username) =>
            go({ at: 'password', profileId: profile.id, ...(username ? { username } : {}) }),
        });
      }
      case 'sign-up': {
        const profile = profileById(p.profileId);
        if (!profile) return build({ at: 'profiles' });
        return signUpStep({
          profile,
          show: swapIn,
          done: (username) =>
            go({ at: 'password', profileId: profile.id, ...(username ? { username } : {}) }),
        });
      }
      case 'my-account': {
        const profile = profileById(p.profileId);
        const session = sessionOf(p.profileId);
        if (!profile || !session) return build({ at: 'profiles' });
        return myAccountStep({
          profile,
          username: session.username,
          back: () => go({ at: 'session', profileId: p.profileId }),
        });
      }
      case 'my-sessions': {
        const profile = profileById(p.profileId);
        const session = sessionOf(p.profileId);
        if (!profile || !session) return build({ at: 'profiles' });
        return mySessionsStep({
          profile,
          username: session.username,
          back: () => go({ at: 'session', profileId: p.profileId }),
        });
      }
      case 'session': {
        const profile = profileById(p.profileId);
        const session = sessionOf(p.profileId);
        if (!profile) return build({ at: 'profiles' });
        if (!session) return build({ at: 'password', profileId: p.profileId });
        return signedInStep(session, profile, p.device, sessionActions(p.profileId));
      }
    }
  }

  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || !step?.back) return;
    event.preventDefault();
    step.back();
  };
  container.addEventListener('keydown', onKey);

  const status = h('p', { class: 'load-status' }, 'Loading your profiles…');
  container.replaceChildren(status);

  const start = async (): Promise<void> => {
    try {
      const attempt = await load();
      if (attempt) showView(attempt);
      else go({ at: 'profiles' });
    } catch (e) {
      const info = errorInfo(e);
      container.replaceChildren(
        h(
          'div',
          { class: 'panel error', role: 'alert' },
          h('h1', { class: 'screen-title' }, 'Your profiles could not be loaded'),
          h('p', {}, info.message),
          h('p', { class: 'error-details' }, errorDetails(info)),
          button('Try again', () => void start()),
        ),
      );
    }
  };
  void start();

  // Another window, the tray or a background refresh changed something: redraw the
  // overview steps; a step in progress is left alone so typing is never lost.
  const reloadOverview = (): void => {
    if (place.at !== 'profiles' && place.at !== 'session') return;
    void load().then(
      () => go(place, true),
      () => undefined,
    );
  };
  const offAuth = on('auth:changed', ({ profileId, reason }) => {
    if (
      place.at === 'session' &&
      place.profileId === profileId &&
      (reason === 'signed-out' || reason === 'expired')
    ) {
      sessions = sessions.filter((s) => s.profileId !== profileId);
      go({ at: 'password', profileId });
      return;
    }
    reloadOverview();
  });
  const offProfiles = on('profiles:changed', reloadOverview);

  return () => {
    disposed = true;
    step?.dispose?.();
    container.removeEventListener('keydown', onKey);
    offAuth();
    offProfiles();
  };
}

export const signInScreen: ScreenDefinition = {
  id: 'sign-in',
  title: 'Sign in',
  mount: mountSignIn,
};
