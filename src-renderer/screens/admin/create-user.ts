/**
 * Create a user: the pool's required attributes, and how the invitation
 * goes out. With "don't send", the app makes the temporary password and
 * shows it once, to hand over in person.
 */
import { call } from '../../api';
import { cancelButton, openDialog } from '../../ui/dialog';
import type { DialogHandle } from '../../ui/dialog';
import { h } from '../../ui/dom';
import type { Field } from '../../ui/field';
import { selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import type { AdminContext } from './context';

export function createUserDialog(ctx: AdminContext, created: (username: string) => void): void {
  const username = textField({ name: 'username', label: 'Username', required: true });
  const email = textField({ name: 'email', label: 'Email (optional)', autocomplete: 'off' });
  const phone = textField({
    name: 'phone_number',
    label: 'Phone number (optional)',
    hint: 'With the country code, e.g. +15551234567.',
  });
  const delivery = selectField({
    name: 'delivery',
    label: 'Send the invitation by',
    options: [
      { value: 'EMAIL', label: 'Email' },
      { value: 'SMS', label: 'Text message' },
      { value: 'SUPPRESS', label: 'Don’t send: show me the temporary password to hand over' },
    ],
  });
  const extra: Field<HTMLInputElement>[] = [];
  const extraBox = h('div', {});
  const fields = (): Field[] => [username, email, phone, ...extra, delivery];
  const form = createForm({
    get fields() {
      return fields();
    },
    layout: [username.root, email.root, phone.root, extraBox, delivery.root],
    submitLabel: 'Create user',
    busyLabel: 'Creating…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const attributes = [
        { name: 'email', value: email.control.value.trim() },
        { name: 'phone_number', value: phone.control.value.trim() },
        ...extra.map((f) => ({ name: f.name, value: f.control.value.trim() })),
      ].filter((a) => a.value !== '');
      const name = username.control.value.trim();
      const result = await call('admin:createUser', {
        profileId: ctx.profile.id,
        username: name,
        attributes,
        delivery: delivery.control.value as 'EMAIL' | 'SMS' | 'SUPPRESS',
      });
      if (result.temporaryPassword)
        showOnce(dialog, result.user.username, result.temporaryPassword, created);
      else {
        dialog.close();
        created(result.user.username);
      }
    },
  });
  const dialog = openDialog({
    title: 'Create a user',
    description: `In ${ctx.profile.displayName}. They sign in with a temporary password and choose their own.`,
    content: [form.element],
    initialFocus: username.control,
  });
  void call('admin:overview', { profileId: ctx.profile.id }).then(
    (pool) => {
      for (const name of pool.requiredAttributes) {
        if (['email', 'phone_number', 'sub'].includes(name)) continue;
        const f = textField({ name, label: `${name} (required by this pool)`, required: true });
        extra.push(f);
        extraBox.append(f.root);
      }
    },
    () => undefined,
  );
}

function showOnce(
  dialog: DialogHandle,
  username: string,
  password: string,
  created: (username: string) => void,
): void {
  const done = h('button', { type: 'button', class: 'button primary' }, 'I have handed it over');
  done.addEventListener('click', () => dialog.close());
  dialog.element.addEventListener('close', () => created(username));
  const box = h(
    'div',
    { class: 'once-box' },
    h('p', {}, `Temporary password for ${username} — shown only now:`),
    h(
      'p',
      { class: 'setup-key once-secret', 'aria-label': `Temporary password: ${password}` },
      password,
    ),
    h('p', { class: 'field-hint' }, 'They must choose a new password when they first sign in.'),
    h('div', { class: 'form-actions' }, done),
  );
  dialog.element.querySelector('form')?.replaceWith(box);
  done.focus();
}
