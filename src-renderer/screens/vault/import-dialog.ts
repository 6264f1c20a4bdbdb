/**
 * "Import…": a file (another app's export, a QR image, this app's backup) or
 * pasted text, then a preview of what was found — new accounts, duplicates
 * with a choice each, entries that cannot be used and why — and only then
 * one all-or-nothing save. Main keeps the secrets; this dialog sees labels.
 */
import type { ImportItemView, ImportPreviewView } from '../../../src-main/ipc/contract';
import { ApiError, call } from '../../api';
import { toBase64 } from '../../ui/base64';
import { cancelButton, openDialog } from '../../ui/dialog';
import type { DialogHandle } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { field, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { accountLabel } from './account-row';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface ImportDialogOptions {
  /** "Restore from a backup" opens the same dialog with its own words. */
  restore?: boolean;
  onImported(): void;
}

export function openImport(o: ImportDialogOptions): void {
  const input = h('input', {
    type: 'file',
    class: 'input file',
    accept: '.json,.2fas,.txt,.cdabak,image/png,image/jpeg,application/json,text/plain',
  });
  const file = field({
    name: 'source',
    label: o.restore ? 'Backup file' : 'Export file or QR code image',
    hint: o.restore
      ? 'The .cdabak file you saved with “Back up…”.'
      : 'From Google Authenticator (a screenshot of its transfer QR codes), Aegis, 2FAS, Bitwarden, Ente Auth or andOTP, or a list of otpauth:// links.',
    control: input,
  });
  const pasted = field({
    name: 'text',
    label: 'Or paste the exported text',
    hint: 'otpauth:// or otpauth-migration:// links, one a line, or a JSON export.',
    control: h('textarea', {
      class: 'input mono link',
      rows: 3,
      spellcheck: 'false',
      autocomplete: 'off',
    }),
  });
  const password = textField({
    name: 'password',
    label: o.restore ? 'Backup passphrase' : 'Password of the export',
    hint: 'Only for an encrypted export or backup.',
    type: 'password',
    autocomplete: 'off',
  });
  password.root.hidden = !o.restore;
  if (o.restore) pasted.root.hidden = true;

  const form = createForm({
    fields: [file, pasted, password],
    fallbackField: file,
    submitLabel: 'Read',
    busyLabel: 'Reading…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const chosen = input.files?.[0];
      const text = pasted.control.value;
      if (!chosen && text.trim() === '') {
        form.showError({
          code: 'NO_SOURCE',
          message: 'Choose a file or paste the exported text first.',
          retryable: false,
          field: 'source',
        });
        return;
      }
      if (chosen && chosen.size > MAX_FILE_BYTES) {
        form.showError({
          code: 'FILE_TOO_LARGE',
          message:
            'This file is larger than 10 MB, which no authenticator export is. Choose the export file itself.',
          retryable: false,
          field: 'source',
        });
        return;
      }
      const source = chosen
        ? {
            dataBase64: toBase64(new Uint8Array(await chosen.arrayBuffer())),
            fileName: chosen.name.slice(0, 200),
          }
        : { text };
      const secret = password.control.value;
      try {
        const preview = await call('import:preview', {
          ...source,
          ...(secret ? { password: secret } : {}),
        });
        showPreview(dialog, preview, o);
      } catch (e) {
        if (e instanceof ApiError && e.info.field === 'password') password.root.hidden = false;
        throw e;
      }
    },
  });
  const dialog = openDialog({
    title: o.restore ? 'Restore from a backup' : 'Import accounts',
    description: o.restore
      ? 'You will see what the backup holds before anything is saved.'
      : 'You will see what the file holds before anything is saved. Nothing leaves this computer.',
    content: [form.element],
    onClose: () => void call('import:cancel', {}).catch(() => undefined),
  });
}

function showPreview(
  dialog: DialogHandle,
  preview: ImportPreviewView,
  o: ImportDialogOptions,
): void {
  const choices = new Map<number, HTMLSelectElement>();
  const fresh = preview.items.filter((i) => !i.duplicate);
  const duplicates = preview.items.filter((i) => i.duplicate);
  const title = dialog.element.querySelector('.dialog-title');
  if (title)
    title.textContent = `Found ${count(preview.items.length, 'account')} in ${preview.formatName}`;
  const description = dialog.element.querySelector('.dialog-description');
  if (description) {
    description.textContent = preview.includesSettings
      ? 'Check the list. The backup’s settings (clipboard clearing, idle lock, backup reminder) are restored too.'
      : 'Check the list, then import. Either every chosen account is saved, or none is.';
  }

  const sections: HTMLElement[] = [];
  if (fresh.length > 0) {
    sections.push(
      section(
        `New (${fresh.length})`,
        h('ul', { class: 'import-list' }, ...fresh.map((i) => itemLine(i))),
      ),
    );
  }
  if (duplicates.length > 0) {
    sections.push(
      section(
        `Already in the vault (${duplicates.length})`,
        h(
          'ul',
          { class: 'import-list' },
          ...duplicates.map((item) => {
            const select = h(
              'select',
              { class: 'input', 'aria-label': `What to do with ${accountLabel(item)}` },
              h('option', { value: 'skip' }, 'Skip'),
              h('option', { value: 'replace' }, 'Replace the key'),
              h('option', { value: 'keepBoth' }, 'Keep both'),
            );
            choices.set(item.index, select);
            return itemLine(
              item,
              item.duplicate?.sameSecret ? 'same key — nothing new' : 'a different key',
              select,
            );
          }),
        ),
      ),
    );
  }
  if (preview.unusable.length > 0) {
    sections.push(
      section(
        `Cannot be imported (${preview.unusable.length})`,
        h(
          'ul',
          { class: 'import-list unusable' },
          ...preview.unusable.map((u) =>
            h(
              'li',
              {},
              h('span', { class: 'import-label' }, u.label),
              h('span', { class: 'field-hint' }, u.reason),
            ),
          ),
        ),
      ),
    );
  }
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const importButton = h('button', { type: 'button', class: 'button primary' }, 'Import');
  const updateButton = (): void => {
    const n = fresh.length + [...choices.values()].filter((s) => s.value !== 'skip').length;
    importButton.textContent = n === 0 ? 'Nothing to import' : `Import ${count(n, 'account')}`;
    importButton.disabled = n === 0;
  };
  for (const select of choices.values()) select.addEventListener('change', updateButton);
  updateButton();
  importButton.addEventListener('click', async () => {
    importButton.disabled = true;
    importButton.textContent = 'Importing…';
    error.hidden = true;
    try {
      const result = await call('import:commit', {
        previewId: preview.previewId,
        choices: [...choices].map(([index, s]) => ({
          index,
          action: s.value as 'skip' | 'replace' | 'keepBoth',
        })),
      });
      dialog.close();
      const parts = [`Imported ${count(result.added, 'account')}`];
      if (result.replaced > 0) parts.push(`replaced ${result.replaced}`);
      if (result.skipped > 0) parts.push(`skipped ${result.skipped}`);
      toast(parts.join(', '));
      o.onImported();
    } catch (e) {
      const info = e instanceof ApiError ? e.info : { message: String(e) };
      error.replaceChildren(h('p', {}, info.message));
      error.hidden = false;
      updateButton();
    }
  });
  const body = h(
    'div',
    { class: 'import-preview' },
    error,
    ...sections,
    h('div', { class: 'form-actions' }, cancelButton(), importButton),
  );
  dialog.element.querySelector('form')?.replaceWith(body);
  importButton.focus();
}

function itemLine(item: ImportItemView, note?: string, control?: HTMLElement): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: 'import-label' }, accountLabel(item)),
    item.type === 'steam' ? h('span', { class: 'tag' }, 'Steam') : null,
    ...item.groups.map((g) => h('span', { class: 'tag' }, g)),
    note ? h('span', { class: 'field-hint' }, note) : null,
    control ?? null,
  );
}

function section(title: string, content: HTMLElement): HTMLElement {
  return h('section', { class: 'import-section' }, h('h3', {}, title), content);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
