/**
 * Enroll at the desk: the colleague signs in on a separate, throw-away
 * sign-in in main (temporary password → new password → their phone's QR
 * code), and the admin then sees what Cognito now has for them. The admin's
 * own sign-ins, tokens and vault are not involved.
 */
import type { AdminUserDetail, AuthStepView, DeskStepView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { announce } from '../../ui/live';
import { enrollForm } from '../enroll/enroll-form';
import { sessionCountdown } from '../enroll/session-countdown';
import { challengeStep } from '../sign-in/challenge-step';
import { stepFrame } from '../sign-in/step-frame';
import type { WizardStep } from '../sign-in/step-frame';
import type { AdminContext, AdminView } from './context';

export function deskView(ctx: AdminContext, username: string): AdminView {
  const root = h('div', { class: 'admin-desk' });
  let deskId: string | undefined;
  let step: WizardStep | undefined;
  const context = `Enroll at the desk · ${ctx.profile.displayName} · ${username}`;

  const cancel = (): void => {
    if (deskId) void call('admin:deskCancel', { deskId }).catch(() => undefined);
    deskId = undefined;
    ctx.openUser(username);
  };

  function go(next: WizardStep): void {
    step?.dispose?.();
    step = next;
    root.replaceChildren(next.element);
    const title = next.element.querySelector('h1')?.textContent;
    if (title) announce(title);
    next.focus?.focus();
  }

  function show(view: DeskStepView): void {
    deskId = view.deskId;
    if (view.done) go(doneStep(view.done));
    else if (view.step) go(challenge(view.step));
  }

  const respond = async (answer: Parameters<typeof call<'admin:deskRespond'>>[1]['answer']) => {
    if (!deskId) return;
    show(await call('admin:deskRespond', { deskId, answer }));
  };
  const restart = async () => {
    if (!deskId) return;
    show(await call('admin:deskRestart', { deskId }));
  };

  function challenge(view: AuthStepView): WizardStep {
    if (view.kind === 'MFA_SETUP' && view.setup) {
      const countdown =
        view.sessionExpiresAt !== undefined
          ? sessionCountdown({
              expiresAt: view.sessionExpiresAt,
              validityMinutes: ctx.profile.authSessionValidityMinutes,
              purpose: 'finish the setup',
              restartNote:
                'you get a new QR code (remove the old entry from your authenticator app)',
              onRestart: restart,
            })
          : undefined;
      const stop = h('button', { type: 'button', class: 'button' }, 'Cancel');
      stop.addEventListener('click', cancel);
      const enroll = enrollForm({
        setup: view.setup,
        computerName: '',
        allowThisComputer: false,
        submitLabel: 'Verify and finish',
        busyLabel: 'Checking the code…',
        secondary: [stop],
        onSubmit: (a) =>
          respond({
            kind: 'MFA_SETUP',
            useThisComputer: false,
            friendlyDeviceName: a.friendlyDeviceName,
            ...(a.code !== undefined ? { code: a.code } : {}),
          }),
      });
      return {
        element: stepFrame({
          context,
          title: 'Set up your authenticator app',
          description: view.description,
          body: [countdown?.element, enroll.element],
          keys: 'Enter continues · Esc cancels the enrollment',
        }),
        focus: enroll.firstControl,
        back: cancel,
        dispose: () => countdown?.stop(),
      };
    }
    const made = challengeStep(view, ctx.profile, '', {
      respond,
      autofill: () => Promise.resolve(),
      restart,
      startOver: cancel,
      sessionExpiresAt: () => Promise.resolve(view.sessionExpiresAt),
    });
    made.element.querySelector('.wizard-context')?.replaceChildren(context);
    return made;
  }

  function doneStep(u: AdminUserDetail): WizardStep {
    const toUser = h('button', { type: 'button', class: 'button primary' }, `Back to ${username}`);
    toUser.addEventListener('click', () => ctx.openUser(username));
    const totp = u.mfaEnabled.includes('SOFTWARE_TOKEN_MFA');
    return {
      element: stepFrame({
        context,
        title: totp ? `${username} is enrolled` : `${username} signed in`,
        description: 'Take the keyboard back. This is what Cognito now has for them:',
        body: [
          h(
            'dl',
            { class: 'admin-facts', 'aria-label': 'Result from Cognito' },
            h('dt', {}, 'Status'),
            h('dd', {}, u.status),
            h('dt', {}, 'Authenticator app'),
            h(
              'dd',
              {},
              totp
                ? `SOFTWARE_TOKEN_MFA enabled${u.preferredMfa === 'SOFTWARE_TOKEN_MFA' ? ', preferred' : ''}`
                : 'not set up',
            ),
            h('dt', {}, 'Next sign-in'),
            h('dd', {}, u.nextSignIn),
          ),
          h(
            'p',
            { class: 'admin-note', role: 'status' },
            `${username} was signed out again. Nothing of theirs was kept on this computer: no tokens, no device keys, no vault entry, no remembered device.`,
          ),
          toUser,
        ],
      }),
      focus: toUser,
      back: () => ctx.openUser(username),
    };
  }

  function intro(): WizardStep {
    const password = textField({
      name: 'password',
      label: 'Password',
      type: 'password',
      autocomplete: 'off',
      required: true,
      hint: 'The temporary password from your invitation (or the one your admin just set), or your own if you have chosen one.',
    });
    const back = h('button', { type: 'button', class: 'button' }, 'Cancel');
    back.addEventListener('click', cancel);
    const form = createForm({
      fields: [password],
      submitLabel: 'Start',
      busyLabel: 'Signing in…',
      secondary: [back],
      fallbackField: password,
      onSubmit: async () => {
        show(
          await call('admin:deskStart', {
            profileId: ctx.profile.id,
            username,
            password: password.control.value,
          }),
        );
      },
    });
    return {
      element: stepFrame({
        context,
        title: `Hand the keyboard to ${username}`,
        description: `${username}: sign in here with your password (a temporary one asks you to choose your own), then scan the QR code with your phone. This is a separate sign-in: the admin’s accounts are not used, and nothing of yours stays on this computer.`,
        body: [form.element],
        keys: 'Enter continues · Esc cancels',
      }),
      focus: password.control,
      back: cancel,
    };
  }

  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !step?.back) return;
    event.preventDefault();
    step.back();
  });
  go(intro());
  return {
    element: root,
    get focus() {
      return step?.focus;
    },
    dispose: () => {
      step?.dispose?.();
      if (deskId) void call('admin:deskCancel', { deskId }).catch(() => undefined);
    },
  };
}
