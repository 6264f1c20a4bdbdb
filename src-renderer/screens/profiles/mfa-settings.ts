/**
 * The signed-in user's second factors: which are on, which is preferred, and
 * setting up (or replacing) the authenticator app.
 */
import type {
  MfaSettingsView,
  MfaType,
  ProfileView,
  SignedInView,
} from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h, uid } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { toast } from '../../ui/live';
import { enrollPanel } from '../enroll/enroll-panel';

const METHODS: { type: MfaType; label: string; unavailable: string }[] = [
  {
    type: 'SOFTWARE_TOKEN_MFA',
    label: 'Authenticator app',
    unavailable: 'Set up an authenticator app first.',
  },
  {
    type: 'SMS_MFA',
    label: 'Text message (SMS)',
    unavailable: 'Needs a verified phone number on the account.',
  },
  {
    type: 'EMAIL_OTP',
    label: 'Email',
    unavailable: 'Needs a verified email address on the account.',
  },
];

const KEY: Record<MfaType, 'totp' | 'sms' | 'email'> = {
  SOFTWARE_TOKEN_MFA: 'totp',
  SMS_MFA: 'sms',
  EMAIL_OTP: 'email',
};

export function mfaSection(profile: ProfileView, session: SignedInView): HTMLElement {
  const titleId = uid('mfa-title');
  const body = h(
    'div',
    { class: 'mfa-body' },
    h('p', { class: 'load-status' }, 'Asking Cognito for your MFA settings…'),
  );
  const heading = h(
    'h2',
    { id: titleId, tabindex: -1 },
    `Multi-factor authentication · ${session.username}`,
  );
  const section = h(
    'section',
    { class: 'settings-section', 'aria-labelledby': titleId },
    heading,
    body,
  );
  const wrapper = h('div', {}, section);

  const render = (s: MfaSettingsView): void => {
    const available = (t: MfaType): boolean =>
      t === 'SOFTWARE_TOKEN_MFA'
        ? s.enabled.includes(t)
        : t === 'SMS_MFA'
          ? s.canUseSms
          : s.canUseEmail;
    const rows = METHODS.map((m) => {
      const enabledId = uid('mfa-on');
      const on = h('input', {
        type: 'checkbox',
        id: enabledId,
        checked: s.enabled.includes(m.type),
        disabled: !available(m.type) && !s.enabled.includes(m.type),
      });
      const preferredId = uid('mfa-pref');
      const preferred = h('input', {
        type: 'radio',
        name: `preferred-${titleId}`,
        id: preferredId,
        checked: s.preferred === m.type,
        'aria-label': `Preferred: ${m.label}`,
      });
      const sync = (): void => {
        preferred.disabled = !on.checked;
        if (!on.checked) preferred.checked = false;
      };
      on.addEventListener('change', sync);
      sync();
      return {
        m,
        on,
        preferred,
        row: h(
          'tr',
          {},
          // Why a method cannot be turned on sits under its name: a column of its own
          // would not fit a narrow window.
          h(
            'th',
            { scope: 'row' },
            h('label', { for: enabledId }, m.label),
            available(m.type) || s.enabled.includes(m.type)
              ? null
              : h('p', { class: 'field-hint' }, m.unavailable),
          ),
          h('td', {}, on),
          h('td', {}, preferred),
        ),
      };
    });
    const failure = h('div', { hidden: true });
    const save = h('button', { type: 'button', class: 'button primary' }, 'Save MFA settings');
    save.addEventListener('click', () => {
      save.disabled = true;
      save.textContent = 'Saving…';
      failure.hidden = true;
      const choice: Record<string, { enabled: boolean; preferred: boolean }> = {};
      for (const r of rows) {
        if (r.on.disabled) continue;
        choice[KEY[r.m.type]] = { enabled: r.on.checked, preferred: r.preferred.checked };
      }
      call('mfa:set', { profileId: profile.id, ...choice })
        .then((next) => {
          toast('MFA settings saved.');
          render(next);
        })
        .catch((e: unknown) => {
          failure.replaceChildren(errorBox(e));
          failure.hidden = false;
          save.disabled = false;
          save.textContent = 'Save MFA settings';
        });
    });
    const totpOn = s.enabled.includes('SOFTWARE_TOKEN_MFA');
    const enroll = h(
      'button',
      { type: 'button', class: totpOn ? 'button' : 'button primary' },
      totpOn ? 'Replace the authenticator app…' : 'Set up an authenticator app…',
    );
    const enrollLabel = totpOn ? 'Replace the authenticator app…' : 'Set up an authenticator app…';
    enroll.addEventListener('click', () => {
      enroll.disabled = true;
      enroll.textContent = 'Asking Cognito for a new key…';
      failure.hidden = true;
      const back = (): void => {
        enroll.disabled = false;
        enroll.textContent = enrollLabel;
        wrapper.replaceChildren(section);
      };
      enrollPanel({
        profileId: profile.id,
        replacing: totpOn,
        onDone: (next) => {
          render(next);
          wrapper.replaceChildren(section);
          heading.focus();
        },
        onCancel: () => {
          back();
          enroll.focus();
        },
      })
        .then((panel) => {
          // The setup takes the settings' place: one task on screen at a time.
          wrapper.replaceChildren(panel.element);
          panel.focus.focus();
        })
        .catch((e: unknown) => {
          back();
          failure.replaceChildren(errorBox(e));
          failure.hidden = false;
        });
    });
    body.replaceChildren(
      h(
        'p',
        { class: 'field-hint' },
        s.enabled.length === 0
          ? 'No second factor is on. The pool may still ask for one.'
          : `On: ${s.enabled.map((t) => METHODS.find((m) => m.type === t)?.label ?? t).join(', ')}${
              s.preferred
                ? `. Preferred: ${METHODS.find((m) => m.type === s.preferred)?.label ?? s.preferred}.`
                : '.'
            }`,
      ),
      h(
        'table',
        { class: 'mfa-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Method'),
            h('th', { scope: 'col' }, 'On'),
            h('th', { scope: 'col' }, 'Preferred'),
          ),
        ),
        h('tbody', {}, ...rows.map((r) => r.row)),
      ),
      failure,
      h('div', { class: 'form-actions start' }, save, enroll),
    );
  };

  call('mfa:get', { profileId: profile.id }).then(render, (e: unknown) =>
    body.replaceChildren(errorBox(e)),
  );
  return wrapper;
}
