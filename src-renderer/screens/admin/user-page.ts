/**
 * One user: status, what their next sign-in will ask, attributes, groups,
 * MFA, devices and recent sign-ins; and every change an admin makes at a
 * desk, each behind a confirmation that names the user and the effect.
 */
import type { AdminUserDetail, MfaType } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { cancelButton, confirmDialog, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorBox, errorPanel } from '../../ui/error-display';
import { selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { describePolicy } from './policy-text';
import { confirmTyped } from './confirm';
import type { AdminContext, AdminView } from './context';
import { statusWords } from './users';

const FACTOR_NAMES: Record<MfaType, string> = {
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
  SMS_MFA: 'Text message',
  EMAIL_OTP: 'Email code',
};

const when = (ms: number | undefined) => (ms ? new Date(ms).toLocaleString() : '—');

export function userPage(ctx: AdminContext, username: string): AdminView {
  const title = h('h2', { class: 'admin-user-title', tabindex: -1 }, `User ${username}`);
  const status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'admin-user-body' });
  const back = h('button', { type: 'button', class: 'button subtle' }, '← All users');
  back.addEventListener('click', ctx.openUsers);
  const profileId = ctx.profile.id;
  const target = { profileId, username };

  /** One confirmed change, then the page reloads with what Cognito says now. */
  async function change(o: {
    title: string;
    message: string;
    confirmLabel: string;
    done: string;
    run: () => Promise<unknown>;
  }): Promise<void> {
    if (!(await confirmDialog({ ...o, danger: false }))) return;
    await runChange(o.run, o.done);
  }

  async function runChange(run: () => Promise<unknown>, done: string): Promise<void> {
    status.replaceChildren();
    try {
      await run();
      toast(done);
      await load();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  }

  async function destructive(o: {
    title: string;
    message: string;
    confirmLabel: string;
    done: string;
    run: (typed: string) => Promise<unknown>;
    after?: () => void;
  }): Promise<void> {
    const typed = await confirmTyped({ ...o, username });
    if (typed === null) return;
    status.replaceChildren();
    try {
      await o.run(typed);
      toast(o.done);
      if (o.after) o.after();
      else await load();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  }

  const action = (label: string, run: () => void, kind = '') => {
    const b = h('button', { type: 'button', class: kind ? `button ${kind}` : 'button' }, label);
    b.addEventListener('click', run);
    return b;
  };

  function section(titleText: string, ...children: (Node | null)[]): HTMLElement {
    const id = `admin-sec-${titleText.replace(/\W+/g, '-').toLowerCase()}`;
    return h(
      'section',
      { class: 'admin-card', 'aria-labelledby': id },
      h('h3', { id }, titleText),
      ...children.filter((c): c is Node => c !== null),
    );
  }

  function temporaryPasswordDialog(): void {
    const password = textField({
      name: 'password',
      label: 'Temporary password',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
    });
    const policyNote = h('p', { class: 'field-hint' }, 'Loading the pool’s password rules…');
    void call('admin:overview', { profileId }).then(
      (pool) => {
        policyNote.textContent = describePolicy(pool.passwordPolicy);
      },
      () => {
        policyNote.textContent = 'The pool’s password rules could not be read.';
      },
    );
    const form = createForm({
      fields: [password],
      layout: [password.root, policyNote],
      submitLabel: 'Set temporary password',
      busyLabel: 'Setting…',
      secondary: [cancelButton()],
      onSubmit: async () => {
        await call('admin:setTemporaryPassword', { ...target, password: password.control.value });
        dialog.close();
        toast(`${username} must choose a new password at the next sign-in.`);
        await load();
      },
    });
    const dialog = openDialog({
      title: `Set a temporary password for ${username}`,
      description: `Their current password stops working. At the next sign-in they use this one and must choose their own.`,
      content: [form.element],
      initialFocus: password.control,
    });
  }

  function render(u: AdminUserDetail): void {
    const mfaOn = u.mfaEnabled.includes('SOFTWARE_TOKEN_MFA');
    const overview = section(
      'Account',
      h(
        'dl',
        { class: 'admin-facts' },
        h('dt', {}, 'Status'),
        h('dd', {}, statusWords(u.status)),
        h('dt', {}, 'Account'),
        h('dd', {}, u.enabled ? 'Enabled' : 'Disabled'),
        h('dt', {}, 'Created'),
        h('dd', {}, when(u.createdAt)),
      ),
      h('p', { class: 'admin-next' }, h('strong', {}, 'Next sign-in: '), u.nextSignIn),
      h(
        'div',
        { class: 'admin-actions' },
        action('Enroll at this desk…', () => ctx.openDesk(username), 'primary'),
        u.status === 'FORCE_CHANGE_PASSWORD'
          ? action(
              'Resend invitation',
              () =>
                void change({
                  title: `Resend ${username}’s invitation?`,
                  message: `Cognito makes a new temporary password and emails it to ${u.email ?? 'their email address'}. The old one stops working.`,
                  confirmLabel: 'Resend',
                  done: `Invitation sent again to ${username}.`,
                  run: () => call('admin:resendInvitation', { ...target, delivery: 'EMAIL' }),
                }),
            )
          : null,
        action(
          'Reset password…',
          () =>
            void change({
              title: `Reset ${username}’s password?`,
              message: `Their password stops working now. Cognito sends them a code, and they must choose a new password before signing in.`,
              confirmLabel: 'Reset password',
              done: `${username} must reset their password.`,
              run: () => call('admin:resetPassword', target),
            }),
        ),
        action('Set temporary password…', temporaryPasswordDialog),
        action(
          u.enabled ? 'Disable account…' : 'Enable account',
          () =>
            void change({
              title: u.enabled ? `Disable ${username}?` : `Enable ${username}?`,
              message: u.enabled
                ? `${username} can no longer sign in. Tokens they already have keep working until they expire; sign them out everywhere too to end those.`
                : `${username} can sign in again.`,
              confirmLabel: u.enabled ? 'Disable' : 'Enable',
              done: u.enabled ? `${username} is disabled.` : `${username} is enabled.`,
              run: () => call('admin:setEnabled', { ...target, enabled: !u.enabled }),
            }),
        ),
        action(
          'Sign out everywhere…',
          () =>
            void destructive({
              title: `Sign ${username} out everywhere?`,
              message: `Every session of ${username} ends, on every device: their refresh tokens stop working and they must sign in again.`,
              confirmLabel: 'Sign out everywhere',
              done: `${username} is signed out everywhere.`,
              run: (typed) =>
                call('admin:signOutEverywhere', { ...target, confirmUsername: typed }),
            }),
          'danger',
        ),
        action(
          'Delete user…',
          () =>
            void destructive({
              title: `Delete ${username}?`,
              message: `${username} and everything Cognito keeps for them (attributes, factors, devices, groups) are deleted. This cannot be undone.`,
              confirmLabel: 'Delete user',
              done: `${username} was deleted.`,
              run: (typed) => call('admin:deleteUser', { ...target, confirmUsername: typed }),
              after: ctx.openUsers,
            }),
          'danger',
        ),
      ),
    );

    const mfa = section(
      'Multi-factor authentication',
      h(
        'p',
        {},
        u.mfaEnabled.length
          ? `On: ${u.mfaEnabled.map((t) => `${FACTOR_NAMES[t]}${u.preferredMfa === t ? ' (preferred)' : ''}`).join(', ')}.`
          : 'No second factor is set up.',
      ),
      h(
        'div',
        { class: 'admin-actions' },
        mfaOn
          ? action(
              'Remove authenticator app (lost phone)…',
              () =>
                void change({
                  title: `Remove ${username}’s authenticator app?`,
                  message: `For a lost or replaced phone: their authenticator app stops working for this pool. If the pool requires MFA, their next sign-in asks them to set up a new one (QR code).`,
                  confirmLabel: 'Remove authenticator',
                  done: `${username}’s authenticator app was removed.`,
                  run: () => call('admin:removeAuthenticator', target),
                }),
              'danger',
            )
          : null,
        mfaOn && u.preferredMfa !== 'SOFTWARE_TOKEN_MFA'
          ? action(
              'Make the authenticator app preferred',
              () =>
                void change({
                  title: `Make the authenticator app ${username}’s preferred factor?`,
                  message: `Cognito asks ${username} for a code from their authenticator app first.`,
                  confirmLabel: 'Make preferred',
                  done: 'The authenticator app is preferred.',
                  run: () =>
                    call('admin:setMfa', {
                      ...target,
                      factor: 'SOFTWARE_TOKEN_MFA',
                      enabled: true,
                      preferred: true,
                    }),
                }),
            )
          : null,
        ...u.mfaEnabled
          .filter((t) => t !== 'SOFTWARE_TOKEN_MFA')
          .map((t) =>
            action(
              `Turn off ${FACTOR_NAMES[t]}`,
              () =>
                void change({
                  title: `Turn off ${FACTOR_NAMES[t]} for ${username}?`,
                  message: `Cognito stops asking ${username} for a ${FACTOR_NAMES[t].toLowerCase()}.`,
                  confirmLabel: 'Turn off',
                  done: `${FACTOR_NAMES[t]} is off for ${username}.`,
                  run: () =>
                    call('admin:setMfa', {
                      ...target,
                      factor: t,
                      enabled: false,
                      preferred: false,
                    }),
                }),
            ),
          ),
      ),
    );

    const devices = section(
      'Devices',
      u.devices.length === 0
        ? h('p', { class: 'empty-note' }, 'No devices.')
        : h(
            'ul',
            { class: 'admin-list' },
            ...u.devices.map((d) =>
              h(
                'li',
                {},
                h(
                  'span',
                  {},
                  `${d.name ?? 'Unnamed device'} · ${d.remembered ? 'remembered' : 'not remembered'} · last used ${when(d.lastAuthenticatedAt)}`,
                ),
                d.remembered
                  ? action(
                      'Stop remembering',
                      () =>
                        void change({
                          title: `Stop remembering “${d.name ?? d.deviceKey}” for ${username}?`,
                          message: 'The device stays known, but no longer skips the MFA step.',
                          confirmLabel: 'Stop remembering',
                          done: 'The device is no longer remembered.',
                          run: () =>
                            call('admin:setDeviceRemembered', {
                              ...target,
                              deviceKey: d.deviceKey,
                              remembered: false,
                            }),
                        }),
                    )
                  : null,
                action(
                  'Forget',
                  () =>
                    void change({
                      title: `Forget “${d.name ?? d.deviceKey}” for ${username}?`,
                      message: 'Its next sign-in is treated as a new device (MFA asked again).',
                      confirmLabel: 'Forget device',
                      done: 'The device was forgotten.',
                      run: () => call('admin:forgetDevice', { ...target, deviceKey: d.deviceKey }),
                    }),
                ),
              ),
            ),
          ),
      u.devices.length > 0
        ? action(
            'Forget all devices…',
            () =>
              void destructive({
                title: `Forget all of ${username}’s devices?`,
                message: `All ${u.devices.length} devices are forgotten: every next sign-in is treated as new and asks for MFA again.`,
                confirmLabel: 'Forget all devices',
                done: 'All devices were forgotten.',
                run: (typed) =>
                  call('admin:forgetAllDevices', { ...target, confirmUsername: typed }),
              }),
            'danger',
          )
        : null,
    );

    const groupSelect = selectField({
      name: 'group',
      label: 'Add to group',
      options: [{ value: '', label: 'Loading the pool’s groups…' }],
    });
    void call('admin:overview', { profileId }).then(
      (pool) => {
        const free = pool.groups.filter((g) => !u.groups.includes(g));
        groupSelect.control.replaceChildren(
          ...(free.length
            ? free.map((g) => h('option', { value: g }, g))
            : [h('option', { value: '' }, 'No other groups in this pool')]),
        );
      },
      () => undefined,
    );
    const addGroup = action('Add', () => {
      const group = groupSelect.control.value;
      if (!group) return;
      void change({
        title: `Add ${username} to “${group}”?`,
        message: `Their next tokens carry the group “${group}” (cognito:groups), which apps may use for permissions.`,
        confirmLabel: 'Add to group',
        done: `${username} is in “${group}”.`,
        run: () => call('admin:setGroup', { ...target, group, member: true }),
      });
    });
    const groups = section(
      'Groups',
      u.groups.length === 0
        ? h('p', { class: 'empty-note' }, 'In no group.')
        : h(
            'ul',
            { class: 'admin-list' },
            ...u.groups.map((g) =>
              h(
                'li',
                {},
                h('span', {}, g),
                action(
                  'Remove',
                  () =>
                    void change({
                      title: `Remove ${username} from “${g}”?`,
                      message: `Their next tokens no longer carry the group “${g}”.`,
                      confirmLabel: 'Remove from group',
                      done: `${username} is no longer in “${g}”.`,
                      run: () => call('admin:setGroup', { ...target, group: g, member: false }),
                    }),
                ),
              ),
            ),
          ),
      h('div', { class: 'admin-inline' }, groupSelect.root, addGroup),
    );

    const attributes = section(
      'Attributes',
      h(
        'dl',
        { class: 'admin-facts' },
        ...u.attributes.flatMap((a) => [h('dt', {}, a.name), h('dd', {}, a.value)]),
      ),
    );

    const events = section(
      'Recent sign-ins',
      u.authEvents === null
        ? h(
            'p',
            { class: 'empty-note' },
            'This pool has no threat protection, so Cognito keeps no sign-in history.',
          )
        : u.authEvents.length === 0
          ? h('p', { class: 'empty-note' }, 'No sign-ins recorded yet.')
          : h(
              'ul',
              { class: 'admin-list' },
              ...u.authEvents.map((e) =>
                h(
                  'li',
                  {},
                  `${when(e.at)} · ${e.type} · ${e.response === 'Pass' ? 'succeeded' : e.response === 'Fail' ? 'failed' : e.response}${e.ipAddress ? ` · from ${e.ipAddress}` : ''}`,
                ),
              ),
            ),
    );

    body.replaceChildren(overview, mfa, sessionsCard(), devices, groups, attributes, events);
  }

  /** Loaded on its own: a pool or endpoint without session tracking fails here, not the whole page. */
  function sessionsCard(): HTMLElement {
    const content = h('div', {}, h('p', { class: 'load-status' }, 'Asking Cognito for sessions…'));
    const card = section('Sign-in factors and sessions', content);
    void call('admin:sessions', target).then(
      ({ factors, sessions }) => {
        content.replaceChildren(
          h(
            'p',
            {},
            factors.length
              ? `Can sign in with: ${factors.join(', ')}.`
              : 'No sign-in factor is configured.',
          ),
          sessions.length === 0
            ? h('p', { class: 'empty-note' }, 'No active sessions.')
            : h(
                'ul',
                { class: 'admin-list' },
                ...sessions.map((x) =>
                  h(
                    'li',
                    {},
                    h(
                      'span',
                      {},
                      `Signed in ${when(x.createdAt)} · last active ${when(x.lastActiveAt)}${x.device ? ` · ${x.device}` : ''}${x.lastIpAddress ? ` · ${x.lastIpAddress}` : ''}${x.location ? ` · ${x.location}` : ''}${x.clientId ? ` · app client ${x.clientId}` : ''}`,
                    ),
                    action(
                      'Revoke',
                      () =>
                        void change({
                          title: `Revoke this session of ${username}?`,
                          message: `The session signed in ${when(x.createdAt)} ends: its refresh token stops working and that device must sign in again. Their other sessions go on.`,
                          confirmLabel: 'Revoke session',
                          done: 'The session was revoked.',
                          run: () =>
                            call('admin:revokeSession', { ...target, sessionId: x.sessionId }),
                        }),
                    ),
                  ),
                ),
              ),
        );
      },
      (e: unknown) => content.replaceChildren(errorBox(e)),
    );
    return card;
  }

  async function load(): Promise<void> {
    try {
      render(await call('admin:user', target));
    } catch (e) {
      body.replaceChildren(errorPanel(`${username} could not be loaded`, e, () => void load()));
    }
  }

  body.append(h('p', { class: 'load-status' }, `Asking Cognito about ${username}…`));
  void load();
  return {
    element: h(
      'section',
      { class: 'admin-section', 'aria-label': `User ${username}` },
      back,
      title,
      status,
      body,
    ),
    focus: title,
  };
}
