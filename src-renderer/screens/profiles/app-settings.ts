/**
 * The app's own settings: how long a copied code stays
 * on the clipboard, locking the app (now, or after the user has been idle),
 * and which programs may use the `cognito-auth` CLI without asking.
 */
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import { cancelButton, confirmDialog, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorBox, errorInfo } from '../../ui/error-display';
import { passphrasesDiffer, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { dateTime } from '../sign-in/time-text';
import { cliAuditSection } from './cli-audit';

type AllowedProgram = ResponseOf<'cli:listAllowed'>['programs'][number];
type UnlockMethod = ResponseOf<'lock:get'>['unlockWith'];

function section(id: string, title: string, ...children: Node[]): HTMLElement {
  return h(
    'section',
    { class: 'settings-section', 'aria-labelledby': id },
    h('h2', { id }, title),
    ...children,
  );
}

interface NumberSetting {
  name: 'seconds' | 'minutes';
  label: string;
  max: number;
  hint: string;
  /** Said when the value is not a whole number from 0 to max: what to enter instead. */
  outOfRange: string;
  load(): Promise<number>;
  /** Saves the value and answers with what main kept. */
  save(value: number): Promise<number>;
  savedMessage(value: number): string;
}

/** One whole-number setting: loaded from main, checked here, saved through main. */
function numberSettingForm(setting: NumberSetting): HTMLElement {
  const input = textField({
    name: setting.name,
    label: setting.label,
    type: 'number',
    min: 0,
    max: setting.max,
    hint: setting.hint,
  });
  input.control.classList.add('short');
  const form = createForm({
    fields: [input],
    submitLabel: 'Save',
    busyLabel: 'Saving…',
    fallbackField: input,
    onSubmit: async () => {
      const value = Number(input.control.value);
      if (
        input.control.value.trim() === '' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > setting.max
      ) {
        input.setError({ code: 'INVALID_NUMBER', message: setting.outOfRange });
        input.control.focus();
        return;
      }
      toast(setting.savedMessage(await setting.save(value)));
    },
  });
  setting.load().then(
    (value) => {
      input.control.value = String(value);
    },
    (e: unknown) => form.showError(errorInfo(e)),
  );
  return form.element;
}

function clipboardSection(): HTMLElement {
  const form = numberSettingForm({
    name: 'seconds',
    label: 'Clear a copied code after (seconds)',
    max: 3600,
    hint: 'The clipboard is emptied only if it still holds what the app copied. 0 never clears it.',
    outOfRange:
      'Enter a whole number of seconds from 0 to 3600 (an hour). 0 keeps copied codes on the clipboard.',
    load: async () => (await call('clipboard:getClearDelay', {})).seconds,
    save: async (seconds) => (await call('clipboard:setClearDelay', { seconds })).seconds,
    savedMessage: (seconds) =>
      seconds === 0
        ? 'Copied codes now stay on the clipboard.'
        : `Copied codes now clear after ${seconds} s.`,
  });
  return section('clipboard-title', 'Clipboard', form);
}

function idleLockForm(): HTMLElement {
  return numberSettingForm({
    name: 'minutes',
    label: 'Lock after idle (minutes)',
    max: 1440,
    outOfRange: 'Enter a whole number of minutes from 0 to 1440 (a day). 0 never locks by itself.',
    hint: 'Counted from your last keyboard or mouse input anywhere on the computer. The app also locks when the computer sleeps and, on macOS and Windows, when its screen locks. 0 never locks by itself.',
    load: async () => (await call('lock:getIdleMinutes', {})).minutes,
    save: async (minutes) => (await call('lock:setIdleMinutes', { minutes })).minutes,
    savedMessage: (minutes) =>
      minutes === 0
        ? 'The app no longer locks by itself.'
        : `The app now locks after ${minutes} min idle.`,
  });
}

/** Chooses the unlock passphrase, or changes it: the current one is asked for first. */
function openPassphraseDialog(change: boolean, onSaved: () => void): void {
  const current = textField({
    name: 'current',
    label: 'Current unlock passphrase',
    type: 'password',
    autocomplete: 'current-password',
  });
  const passphrase = textField({
    name: 'passphrase',
    label: 'New unlock passphrase',
    hint: 'At least 8 characters. Every unlock asks for it.',
    type: 'password',
    autocomplete: 'new-password',
  });
  const again = textField({
    name: 'again',
    label: change ? 'Repeat the new passphrase' : 'Repeat the passphrase',
    type: 'password',
    autocomplete: 'new-password',
  });
  const form = createForm({
    fields: change ? [current, passphrase, again] : [passphrase, again],
    submitLabel: change ? 'Change passphrase' : 'Choose passphrase',
    busyLabel: 'Saving…',
    secondary: [cancelButton()],
    fallbackField: passphrase,
    onSubmit: async () => {
      if (passphrasesDiffer(passphrase, again, (e) => form.showError(e))) return;
      await call('lock:setPassphrase', {
        passphrase: passphrase.control.value,
        ...(change ? { current: current.control.value } : {}),
      });
      dialog.close();
      toast(change ? 'Unlock passphrase changed.' : 'Unlock passphrase chosen.');
      onSaved();
    },
  });
  const dialog = openDialog({
    title: change ? 'Change the unlock passphrase' : 'Choose the unlock passphrase',
    description: change
      ? 'The next unlock asks for the new one. Backups keep the passphrase they were made with.'
      : 'Every unlock asks for it; without it only quitting the app gets past the lock screen.',
    content: [form.element],
    initialFocus: change ? current.control : passphrase.control,
  });
}

/** How an unlock proves it is you, and the way to set or change the passphrase where one is used. */
function unlockMethodPart(reload: () => void): {
  element: HTMLElement;
  show(method: UnlockMethod): void;
} {
  const element = h('div', {});
  const show = (method: UnlockMethod): void => {
    if (method === 'os') {
      element.replaceChildren(
        h('p', {}, 'Unlocking asks your system to confirm it is you (fingerprint or password).'),
      );
      return;
    }
    const change = method === 'passphrase';
    const open = h(
      'button',
      { type: 'button', class: 'button' },
      change ? 'Change the unlock passphrase…' : 'Choose the unlock passphrase…',
    );
    open.addEventListener('click', () => openPassphraseDialog(change, reload));
    element.replaceChildren(
      h(
        'p',
        {},
        change
          ? 'Unlocking asks for your unlock passphrase.'
          : 'No unlock passphrase yet: you choose it now, or the first time you unlock.',
      ),
      h('div', { class: 'form-actions start' }, open),
    );
  };
  return { element, show };
}

function lockSection(): { element: HTMLElement; dispose(): void } {
  const state = h('p', {}, 'Checking…');
  const button = h('button', { type: 'button', class: 'button' }, 'Lock now');
  const failure = h('div', {});
  let locked = false;
  const show = (value: boolean): void => {
    locked = value;
    state.textContent = locked
      ? 'The app is locked: the tray and the CLI hand out no codes or tokens until you unlock it.'
      : 'The app is unlocked. Locking clears the clipboard and stops the tray and the CLI handing out codes and tokens.';
    button.textContent = locked ? 'Unlock' : 'Lock now';
  };
  const unlockMethod = unlockMethodPart(() => load());
  const load = (): void => {
    call('lock:get', {}).then(
      (r) => {
        show(r.locked);
        unlockMethod.show(r.unlockWith);
      },
      (e: unknown) => failure.replaceChildren(errorBox(e)),
    );
  };
  button.addEventListener('click', () => {
    failure.replaceChildren();
    call('lock:set', { locked: !locked }).then(
      (r) => show(r.locked),
      (e: unknown) => failure.replaceChildren(errorBox(e)),
    );
  });
  load();
  const off = on('lock:changed', load);
  return {
    element: section(
      'lock-title',
      'Lock',
      state,
      failure,
      h('div', { class: 'form-actions start' }, button),
      unlockMethod.element,
      idleLockForm(),
    ),
    dispose: off,
  };
}

function cliSection(): { element: HTMLElement; dispose(): void } {
  const body = h('div', {}, h('p', { class: 'load-status' }, 'Loading…'));
  const render = (programs: AllowedProgram[]): void => {
    if (programs.length === 0) {
      body.replaceChildren(
        h(
          'p',
          { class: 'empty-note' },
          'No program may use the command line without asking. When a program runs cognito-auth, the app asks you; “Always allow” adds it here.',
        ),
      );
      return;
    }
    const failure = h('div', {});
    body.replaceChildren(
      failure,
      // Roles set explicitly: at narrow widths the CSS stacks the rows into cards.
      h(
        'table',
        { class: 'devices', role: 'table', 'aria-label': 'Programs allowed without asking' },
        h(
          'thead',
          { role: 'rowgroup' },
          h(
            'tr',
            { role: 'row' },
            h('th', { scope: 'col', role: 'columnheader' }, 'Program'),
            h('th', { scope: 'col', role: 'columnheader' }, 'Started by'),
            h('th', { scope: 'col', role: 'columnheader' }, 'Allowed'),
            h(
              'th',
              { scope: 'col', role: 'columnheader' },
              h('span', { class: 'visually-hidden' }, 'Actions'),
            ),
          ),
        ),
        h(
          'tbody',
          { role: 'rowgroup' },
          ...programs.map((p) => {
            const revoke = h(
              'button',
              { type: 'button', class: 'button small danger', 'aria-label': `Revoke ${p.program}` },
              'Revoke…',
            );
            revoke.addEventListener('click', () => {
              void confirmDialog({
                title: 'Revoke command-line access?',
                message: `${p.program} will have to ask again before it gets codes or tokens.`,
                confirmLabel: 'Revoke',
                danger: true,
              }).then((sure) => {
                if (!sure) return;
                call('cli:revokeAllowed', { id: p.id }).then(
                  (r) => {
                    toast(`Revoked ${p.program}.`);
                    render(r.programs);
                  },
                  (e: unknown) => failure.replaceChildren(errorBox(e)),
                );
              });
            });
            return h(
              'tr',
              { role: 'row' },
              h('th', { scope: 'row', role: 'rowheader', class: 'mono-cell' }, p.program),
              h(
                'td',
                { role: 'cell', class: 'mono-cell', 'data-label': 'Started by' },
                p.parent || '—',
              ),
              h('td', { role: 'cell', 'data-label': 'Allowed' }, dateTime(p.allowedAt)),
              h('td', { role: 'cell', 'data-label': 'Actions' }, revoke),
            );
          }),
        ),
      ),
    );
  };
  const load = (): void => {
    call('cli:listAllowed', {}).then(
      (r) => render(r.programs),
      (e: unknown) => body.replaceChildren(errorBox(e)),
    );
  };
  load();
  const off = on('cli:accessChanged', load);
  const audit = cliAuditSection();
  return {
    element: section('cli-title', 'Command-line access', body, audit.element),
    dispose: () => {
      off();
      audit.dispose();
    },
  };
}

export function appSettings(): { element: HTMLElement; dispose(): void } {
  const lock = lockSection();
  const cli = cliSection();
  return {
    element: h('div', {}, clipboardSection(), lock.element, cli.element),
    dispose: () => {
      lock.dispose();
      cli.dispose();
    },
  };
}
