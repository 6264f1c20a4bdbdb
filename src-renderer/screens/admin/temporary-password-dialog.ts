/** "Set temporary password…": a password the user signs in with once, then must replace. */
import { call } from '../../api';
import { cancelButton, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { describePolicy } from './policy-text';
import type { UserContext } from './user-context';

/** The pool's rules, said under the field once main has read them. */
function policyNote(profileId: string): HTMLElement {
  const note = h('p', { class: 'field-hint' }, 'Loading the pool’s password rules…');
  void call('admin:overview', { profileId }).then(
    (pool) => {
      note.textContent = describePolicy(pool.passwordPolicy);
    },
    () => {
      note.textContent = 'The pool’s password rules could not be read.';
    },
  );
  return note;
}

export function temporaryPasswordDialog({ username, target, reload }: UserContext): void {
  const password = textField({
    name: 'password',
    label: 'Temporary password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const form = createForm({
    fields: [password],
    layout: [password.root, policyNote(target.profileId)],
    submitLabel: 'Set temporary password',
    busyLabel: 'Setting…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      await call('admin:setTemporaryPassword', { ...target, password: password.control.value });
      dialog.close();
      toast(`${username} must choose a new password at the next sign-in.`);
      await reload();
    },
  });
  const dialog = openDialog({
    title: `Set a temporary password for ${username}`,
    description: `Their current password stops working. At the next sign-in they use this one and must choose their own.`,
    content: [form.element],
    initialFocus: password.control,
  });
}
