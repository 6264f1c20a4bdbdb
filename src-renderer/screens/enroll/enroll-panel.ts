/**
 * Authenticator setup when already signed in (Settings → MFA): the
 * AccessToken chain has no 3-minute Session, so there is no countdown here;
 * main drops an unverified setup after half an hour.
 */
import type { MfaSettingsView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { cancelButton, openDialog } from '../../ui/dialog';
import { h, uid } from '../../ui/dom';
import { toast } from '../../ui/live';
import { enrollForm } from './enroll-form';

export interface EnrollDialogOptions {
  profileId: string;
  /** "Set up an authenticator app" or "Replace your authenticator". */
  title: string;
  /** Re-enrolling replaces the old key: say so before anyone scans. */
  replacing: boolean;
  onDone(settings: MfaSettingsView): void;
}

/** Begins the setup in main (a new key), then shows it; throws what enroll:begin throws. */
export async function openEnrollDialog(o: EnrollDialogOptions): Promise<void> {
  const enrollment = await call('enroll:begin', { profileId: o.profileId });
  let finished = false;
  const preferredId = uid('preferred');
  const preferred = h('input', { type: 'checkbox', id: preferredId, checked: true });
  const preferredRow = h(
    'div',
    { class: 'checkbox-row' },
    preferred,
    h('label', { for: preferredId }, 'Make the authenticator app my preferred way to verify'),
  );
  const form = enrollForm({
    setup: enrollment.setup,
    computerName: '',
    submitLabel: 'Verify and turn on',
    busyLabel: 'Checking the code…',
    extra: [preferredRow],
    secondary: [cancelButton()],
    onSubmit: async (answer) => {
      const settings = await call('enroll:verify', {
        enrollmentId: enrollment.enrollmentId,
        useThisComputer: answer.useThisComputer,
        friendlyDeviceName: answer.friendlyDeviceName,
        preferred: preferred.checked,
        ...(answer.code !== undefined ? { code: answer.code } : {}),
      });
      finished = true;
      dialog.close();
      toast('Authenticator app is on.');
      o.onDone(settings);
    },
  });
  const dialog = openDialog({
    title: o.title,
    description: o.replacing
      ? 'This replaces the key your authenticator uses now: after you verify, only codes from the new key work. Remove the old entry from your app afterwards.'
      : 'Scan the QR code with your authenticator app, then enter the code it shows to turn it on.',
    content: [form.element],
    initialFocus: form.firstControl,
    onClose: () => {
      if (!finished)
        void call('enroll:cancel', { enrollmentId: enrollment.enrollmentId }).catch(
          () => undefined,
        );
    },
  });
  dialog.element.classList.add('wide');
}
