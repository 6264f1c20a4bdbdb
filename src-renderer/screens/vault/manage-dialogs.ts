/**
 * Rename, groups, re-enroll and delete. Delete and re-enroll first ask main
 * which profiles sign in with the account, and say what happens to them.
 */
import type { VaultAccountView, VaultDependent } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { cancelButton, confirmDialog, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { field, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { accountLabel } from './account-row';
import { openBackup } from './backup-dialogs';

export function openRename(view: VaultAccountView, onRenamed: (v: VaultAccountView) => void): void {
  const issuer = textField({ name: 'issuer', label: 'Service (optional)', value: view.issuer });
  const account = textField({ name: 'account', label: 'Account name', value: view.account });
  const form = createForm({
    fields: [issuer, account],
    submitLabel: 'Save',
    busyLabel: 'Saving…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const renamed = await call('vault:rename', {
        id: view.id,
        issuer: issuer.control.value.trim(),
        account: account.control.value.trim(),
      });
      dialog.close();
      onRenamed(renamed);
    },
  });
  const dialog = openDialog({
    title: `Rename ${accountLabel(view)}`,
    description: 'Only the name shown here changes; the codes stay the same.',
    content: [form.element],
  });
}

/** Resolves true once the account is in the Trash, false if the user kept it. */
export async function confirmDelete(view: VaultAccountView): Promise<boolean> {
  const { dependents } = await call('vault:dependents', { id: view.id });
  if (dependents.length > 0) {
    const choice = await dependencyWarning(
      `Delete ${accountLabel(view)}? ${signInNames(dependents)} signs in with it`,
      `${signInWho(dependents)} this computer as the authenticator, with this account’s codes. After the delete, the next sign-in there asks for a code this app no longer makes: without another authenticator for that user, the sign-in fails until an administrator resets the user’s MFA. The account stays in the Trash for 30 days.`,
      'Move to Trash anyway',
    );
    if (choice === 'backup') {
      if (!(await openBackup())) return false;
    } else if (choice !== 'go') return false;
  } else {
    const confirmed = await confirmDialog({
      title: `Delete ${accountLabel(view)}?`,
      message:
        'Its codes stop showing here. It stays in the Trash for 30 days, where you can restore it; after that its setup key is removed from this computer.',
      confirmLabel: 'Move to Trash',
      danger: true,
    });
    if (!confirmed) return false;
  }
  await call('vault:delete', { id: view.id });
  return true;
}

/** A new setup key for the same account: the service showed a new QR code for it. */
export async function openReenroll(
  view: VaultAccountView,
  onDone: (v: VaultAccountView) => void,
): Promise<void> {
  const { dependents } = await call('vault:dependents', { id: view.id });
  const textarea = h('textarea', {
    class: 'input mono link',
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'otpauth://totp/…',
  });
  const uri = field({
    name: 'uri',
    label: 'New setup link',
    hint: 'The otpauth:// link of the new QR code. The account keeps its name and place.',
    control: textarea,
  });
  const warning =
    dependents.length > 0
      ? h(
          'p',
          { class: 'warning', role: 'note' },
          `${signInWho(dependents)} this account. Its next sign-in uses the new key: finish the new enrollment with the service first, or Cognito refuses the codes.`,
        )
      : null;
  const form = createForm({
    fields: [uri],
    fallbackField: uri,
    submitLabel: 'Replace the key',
    busyLabel: 'Replacing…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const updated = await call('vault:reenroll', { id: view.id, uri: textarea.value.trim() });
      dialog.close();
      onDone(updated);
    },
  });
  const dialog = openDialog({
    title: `Re-enroll ${accountLabel(view)}`,
    description: 'The old setup key is replaced; its codes stop working here.',
    content: [warning, form.element],
  });
}

export function openGroups(view: VaultAccountView, onDone: (v: VaultAccountView) => void): void {
  const groups = textField({
    name: 'groups',
    label: 'Groups',
    hint: 'Separate groups with commas, e.g. Work, Personal. Leave empty for none.',
    value: (view.groups ?? []).join(', '),
  });
  const form = createForm({
    fields: [groups],
    fallbackField: groups,
    submitLabel: 'Save',
    busyLabel: 'Saving…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const updated = await call('vault:setGroups', {
        id: view.id,
        groups: groups.control.value
          .split(',')
          .map((g) => g.trim())
          .filter((g) => g !== ''),
      });
      dialog.close();
      onDone(updated);
    },
  });
  const dialog = openDialog({ title: `Groups of ${accountLabel(view)}`, content: [form.element] });
}

function signInNames(dependents: VaultDependent[]): string {
  return [...new Set(dependents.map((d) => d.profileName))].join(' and ');
}

function signInWho(dependents: VaultDependent[]): string {
  const who = dependents
    .map((d) => (d.username ? `${d.username} at ${d.profileName}` : d.profileName))
    .join(' and ');
  return `The sign-in of ${who} uses`;
}

/** Three ways out: back up first, go ahead, or keep it. */
function dependencyWarning(
  title: string,
  message: string,
  goLabel: string,
): Promise<'backup' | 'go' | 'cancel'> {
  return new Promise((resolve) => {
    let choice: 'backup' | 'go' | 'cancel' = 'cancel';
    const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
    const backup = h('button', { type: 'button', class: 'button primary' }, 'Back up first…');
    const go = h('button', { type: 'button', class: 'button danger' }, goLabel);
    const dialog = openDialog({
      title,
      description: message,
      content: [h('div', { class: 'form-actions' }, cancel, backup, go)],
      initialFocus: cancel,
      onClose: () => resolve(choice),
    });
    const pick = (c: typeof choice) => () => {
      choice = c;
      dialog.close();
    };
    cancel.addEventListener('click', pick('cancel'));
    backup.addEventListener('click', pick('backup'));
    go.addEventListener('click', pick('go'));
  });
}
