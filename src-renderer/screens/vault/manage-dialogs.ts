/** Rename and delete: the account's label in a form, and removal behind a confirmation. */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { cancelButton, confirmDialog, openDialog } from '../../ui/dialog';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { accountLabel } from './account-row';

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

/** Resolves true once the account is deleted, false if the user kept it. */
export async function confirmDelete(view: VaultAccountView): Promise<boolean> {
  const confirmed = await confirmDialog({
    title: `Delete ${accountLabel(view)}?`,
    message:
      'Its setup key is removed from this computer and its codes stop showing here. Make sure you can still sign in to this account another way, such as another authenticator or recovery codes.',
    confirmLabel: 'Delete account',
    danger: true,
  });
  if (!confirmed) return false;
  await call('vault:delete', { id: view.id });
  return true;
}
