/**
 * Back up (encrypted, with a passphrase, plus the reminder setting) and
 * export (not encrypted: an otpauth:// list or Google Authenticator transfer
 * QR codes), the latter only after a warning the user confirms.
 */
import { call } from '../../api';
import { cancelButton, openDialog } from '../../ui/dialog';
import { h, uid } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { passphrasesDiffer, selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';

const REMINDER_CHOICES = [0, 7, 30, 90];

/** Resolves true once a backup was saved. */
export function openBackup(): Promise<boolean> {
  return new Promise((resolve) => {
    let saved = false;
    const passphrase = textField({
      name: 'passphrase',
      label: 'Passphrase',
      hint: 'At least 10 characters. Without it the backup cannot be opened, by you or anyone.',
      type: 'password',
      autocomplete: 'new-password',
    });
    const again = textField({
      name: 'again',
      label: 'Passphrase again',
      type: 'password',
      autocomplete: 'new-password',
    });
    const reminder = selectField({
      name: 'reminder',
      label: 'Remind me to back up',
      options: REMINDER_CHOICES.map((d) => ({
        value: String(d),
        label: d === 0 ? 'Never' : `After ${d} days without a backup`,
      })),
    });
    const reminderStatus = h('p', { class: 'field-hint', 'aria-live': 'polite' });
    void call('backup:getSettings', {}).then(
      (s) => {
        reminder.control.value = String(s.reminderDays);
        reminderStatus.textContent = s.lastBackupAt
          ? `Last backup: ${new Date(s.lastBackupAt).toLocaleString()}.`
          : 'No backup made yet.';
      },
      () => undefined,
    );
    reminder.control.addEventListener('change', () => {
      void call('backup:setReminder', { days: Number(reminder.control.value) }).then(
        () => (reminderStatus.textContent = 'Reminder saved.'),
        (e: unknown) => reminderStatus.replaceChildren(errorBox(e)),
      );
    });
    const form = createForm({
      fields: [passphrase, again],
      submitLabel: 'Save backup…',
      busyLabel: 'Encrypting…',
      secondary: [cancelButton()],
      onSubmit: async () => {
        if (passphrasesDiffer(passphrase, again, (e) => form.showError(e))) return;
        const result = await call('backup:save', { passphrase: passphrase.control.value });
        if (!result.saved) return;
        saved = true;
        dialog.close();
        toast(`Backup saved${result.path ? ` to ${result.path}` : ''}`);
      },
    });
    const dialog = openDialog({
      title: 'Back up the vault',
      description:
        'Every account and the app’s settings go into one file encrypted with your passphrase (sign-in tokens are not included). Restore it with “Restore from a backup…”.',
      content: [
        form.element,
        h('div', { class: 'backup-reminder' }, reminder.root, reminderStatus),
      ],
      onClose: () => resolve(saved),
    });
  });
}

export function openExport(): void {
  const id = uid('cb');
  const understood = h('input', { type: 'checkbox', id });
  const listButton = h(
    'button',
    { type: 'button', class: 'button', disabled: true },
    'Save as a list of links…',
  );
  const qrButton = h(
    'button',
    { type: 'button', class: 'button', disabled: true },
    'Show transfer QR codes',
  );
  const status = h('div', { 'aria-live': 'polite' });
  understood.addEventListener('change', () => {
    listButton.disabled = qrButton.disabled = !understood.checked;
  });
  listButton.addEventListener('click', async () => {
    try {
      const result = await call('backup:exportList', { confirmed: true });
      if (!result.saved) return;
      dialog.close();
      toast(
        `Saved${result.path ? ` to ${result.path}` : ''}. Delete the file once the accounts are moved.`,
      );
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });
  qrButton.addEventListener('click', async () => {
    try {
      const { images, leftOut } = await call('backup:exportQr', { confirmed: true });
      dialog.close();
      showQrCodes(images, leftOut);
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });
  const dialog = openDialog({
    title: 'Export accounts (not encrypted)',
    description:
      'An export holds every setup key in the clear: anyone who sees the file or the QR codes can make your codes. Use it only to move accounts to another app or a phone, then delete the file. For a safe copy, use “Back up…” instead.',
    content: [
      h(
        'div',
        { class: 'checkbox-row' },
        understood,
        h('label', { for: id }, 'I understand the export is not encrypted'),
      ),
      status,
      h('div', { class: 'form-actions' }, cancelButton(), listButton, qrButton),
    ],
    initialFocus: understood,
  });
}

function showQrCodes(images: string[], leftOut: number): void {
  const done = h('button', { type: 'button', class: 'button primary' }, 'Done');
  const dialog = openDialog({
    title: 'Scan with Google Authenticator',
    description: `In Google Authenticator choose “Transfer accounts”, then “Import accounts”, and scan ${
      images.length === 1 ? 'the code' : `all ${images.length} codes, in order`
    }.${leftOut > 0 ? ` ${leftOut} account${leftOut === 1 ? ' is' : 's are'} left out (Steam or 7-digit codes, which Google Authenticator cannot make).` : ''} Close this window when done.`,
    content: [
      h(
        'ol',
        { class: 'qr-codes' },
        ...images.map((src, i) =>
          h(
            'li',
            {},
            h('img', {
              src,
              alt: `Transfer QR code ${i + 1} of ${images.length}`,
              width: 240,
              height: 240,
            }),
          ),
        ),
      ),
      h('div', { class: 'form-actions' }, done),
    ],
    initialFocus: done,
  });
  done.addEventListener('click', () => dialog.close());
}
