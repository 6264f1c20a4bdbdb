/**
 * Authenticator setup when already signed in (Settings → MFA), shown in
 * place of the MFA settings. The AccessToken chain has no 3-minute Session,
 * so there is no countdown here; main drops an unverified setup after half
 * an hour.
 */
import type { MfaSettingsView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h, uid } from '../../ui/dom';
import { toast } from '../../ui/live';
import { enrollForm } from './enroll-form';

export interface EnrollPanelOptions {
  profileId: string;
  /** Re-enrolling replaces the old key: say so before anyone scans. */
  replacing: boolean;
  onDone(settings: MfaSettingsView): void;
  onCancel(): void;
}

export interface EnrollPanel {
  readonly element: HTMLElement;
  /** The first field, for focus once the panel is in the document. */
  readonly focus: HTMLElement;
}

/** Begins the setup in main (a new key), then lays it out; throws what enroll:begin throws. */
export async function enrollPanel(o: EnrollPanelOptions): Promise<EnrollPanel> {
  const enrollment = await call('enroll:begin', { profileId: o.profileId });
  const titleId = uid('enroll-title');
  const preferredId = uid('preferred');
  const preferred = h('input', { type: 'checkbox', id: preferredId, checked: true });
  const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
  cancel.addEventListener('click', () => {
    void call('enroll:cancel', { enrollmentId: enrollment.enrollmentId }).catch(() => undefined);
    o.onCancel();
  });
  const form = enrollForm({
    setup: enrollment.setup,
    setupRef: { enrollmentId: enrollment.enrollmentId },
    computerName: '',
    submitLabel: 'Verify and turn on',
    busyLabel: 'Checking the code…',
    extra: [
      h(
        'div',
        { class: 'checkbox-row' },
        preferred,
        h('label', { for: preferredId }, 'Make the authenticator app my preferred way to verify'),
      ),
    ],
    secondary: [cancel],
    onSubmit: async (answer) => {
      const settings = await call('enroll:verify', {
        enrollmentId: enrollment.enrollmentId,
        useThisComputer: answer.useThisComputer,
        friendlyDeviceName: answer.friendlyDeviceName,
        preferred: preferred.checked,
        ...(answer.code !== undefined ? { code: answer.code } : {}),
      });
      toast('Authenticator app is on.');
      o.onDone(settings);
    },
  });
  const element = h(
    'section',
    { class: 'settings-section', 'aria-labelledby': titleId },
    h(
      'h2',
      { id: titleId },
      o.replacing ? 'Replace your authenticator app' : 'Set up an authenticator app',
    ),
    h(
      'p',
      {},
      o.replacing
        ? 'This replaces the key your authenticator uses now: once you verify, only codes from the new key work. Remove the old entry from your app afterwards.'
        : 'Scan the QR code with your authenticator app, then enter the code it shows to turn it on.',
    ),
    form.element,
  );
  // Esc cancels, as everywhere else in the app.
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancel.click();
  });
  return { element, focus: form.firstControl };
}
