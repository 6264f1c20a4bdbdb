/**
 * While the app is locked the window shows only this: no screen stays
 * mounted, so no code, account name or token is left in the page. Unlocking
 * asks for what main says it needs: the system's own check (Touch ID), the
 * unlock passphrase, or, at the very first lock, a new passphrase.
 */
import type { LockStatus } from '../src-main/ipc/contract';
import { call, on } from './api';
import { h } from './ui/dom';
import { errorBox } from './ui/error-display';
import { passphrasesDiffer, textField } from './ui/field';
import { createForm } from './ui/form';
import { announce } from './ui/live';

export interface Lockable {
  /** Shows the app (after unlocking, or at start when unlocked). */
  start(): void;
  /** Takes every screen down (on locking). */
  stop(): void;
}

export function installLockScreen(root: HTMLElement, app: Lockable): void {
  let showing: 'app' | 'lock' | undefined;

  const showApp = (): void => {
    if (showing === 'app') return;
    showing = 'app';
    root.replaceChildren();
    app.start();
  };

  const showLock = (status: LockStatus): void => {
    if (showing === 'app') app.stop();
    showing = 'lock';
    root.replaceChildren(lockScreen(status));
    document.title = 'Locked — Authenticator';
    root.querySelector<HTMLElement>('input, button')?.focus();
    announce('The app is locked.');
  };

  const refresh = (): void => {
    call('lock:get', {}).then(
      (status) => (status.locked ? showLock(status) : showApp()),
      // Without an answer the app cannot tell; showing it is what it did before there was a lock screen.
      () => showApp(),
    );
  };
  on('lock:changed', refresh);
  refresh();
}

function lockScreen(status: LockStatus): HTMLElement {
  const intro = h(
    'p',
    {},
    'Codes, tokens and account names are hidden, and the tray and the command line hand out nothing until you unlock.',
  );
  return h(
    'main',
    { class: 'app-main lock-screen', id: 'main', tabindex: -1 },
    h('h1', { class: 'screen-title' }, 'Authenticator is locked'),
    intro,
    status.unlockWith === 'os'
      ? systemUnlock()
      : passphraseUnlock(status.unlockWith === 'choose-passphrase'),
  );
}

function systemUnlock(): HTMLElement {
  const failure = h('div', {});
  const button = h('button', { type: 'button', class: 'button primary' }, 'Unlock with Touch ID');
  button.addEventListener('click', () => {
    failure.replaceChildren();
    call('lock:unlock', {}).catch((e: unknown) => failure.replaceChildren(errorBox(e)));
  });
  return h('div', {}, failure, h('div', { class: 'form-actions start' }, button));
}

function passphraseUnlock(choosing: boolean): HTMLElement {
  const passphrase = textField({
    name: 'passphrase',
    label: choosing ? 'New unlock passphrase' : 'Unlock passphrase',
    type: 'password',
    autocomplete: choosing ? 'new-password' : 'current-password',
    hint: choosing
      ? 'This is the first time the app locked. Choose a passphrase of at least 8 characters; from now on it is needed to unlock.'
      : undefined,
    required: true,
  });
  const repeat = textField({
    name: 'repeat',
    label: 'Repeat the passphrase',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const form = createForm({
    fields: choosing ? [passphrase, repeat] : [passphrase],
    submitLabel: choosing ? 'Set passphrase and unlock' : 'Unlock',
    busyLabel: 'Checking…',
    fallbackField: passphrase,
    onSubmit: async () => {
      const value = passphrase.control.value;
      if (!value) {
        passphrase.setError({ code: 'REQUIRED', message: 'Enter the passphrase.' });
        passphrase.control.focus();
        return;
      }
      if (choosing && passphrasesDiffer(passphrase, repeat, (e) => form.showError(e))) return;
      try {
        await call('lock:unlock', { passphrase: value });
      } catch (e) {
        passphrase.control.value = '';
        repeat.control.value = '';
        throw e;
      }
    },
  });
  return form.element;
}
