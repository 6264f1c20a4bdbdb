/**
 * The confirmation for destructive admin changes (delete, forget all devices,
 * sign out everywhere): the username typed back, which main checks again.
 */
import { cancelButton, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';

/** Resolves with the typed username once it matches exactly, or null when cancelled. */
export function confirmTyped(o: {
  title: string;
  message: string;
  username: string;
  confirmLabel: string;
}): Promise<string | null> {
  return new Promise((resolve) => {
    let typed: string | null = null;
    const input = textField({
      name: 'confirmUsername',
      label: `Type the username “${o.username}” to confirm`,
      autocomplete: 'off',
    });
    const confirm = h(
      'button',
      { type: 'submit', class: 'button danger', disabled: true },
      o.confirmLabel,
    );
    input.control.addEventListener('input', () => {
      confirm.disabled = input.control.value !== o.username;
    });
    const form = h(
      'form',
      { class: 'form', novalidate: true },
      input.root,
      h('div', { class: 'form-actions' }, cancelButton(), confirm),
    );
    const dialog = openDialog({
      title: o.title,
      description: o.message,
      content: [form],
      initialFocus: input.control,
      onClose: () => resolve(typed),
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (input.control.value !== o.username) return;
      typed = input.control.value;
      dialog.close();
    });
  });
}
