/**
 * The three ways to add an account: a pasted otpauth:// link, the setup key
 * typed in, or an image of the QR code. Each is a dialog whose errors come from
 * main (the single validator) and land next to the field they concern.
 */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { toBase64 } from '../../ui/base64';
import { cancelButton, openDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { field, selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';

export type OnAdded = (view: VaultAccountView) => void;

export interface AddMethod {
  /** Menu item and empty-state button label. */
  label: string;
  /** One line on where to find what this method needs. */
  description: string;
  open(onAdded: OnAdded): void;
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

function openAddUri(onAdded: OnAdded): void {
  // A textarea shows the whole pasted link (an input would show only its tail).
  const textarea = h('textarea', {
    class: 'input mono link',
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'otpauth://totp/…',
  });
  const uri = field({
    name: 'uri',
    label: 'Setup link',
    hint: 'It starts with otpauth://. Services show it next to the QR code, often under “Can’t scan the code?”.',
    control: textarea,
  });
  // A link is one line: Enter submits here as in every other field.
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.submit();
    }
  });
  const form = createForm({
    fields: [uri],
    fallbackField: uri,
    submitLabel: 'Add account',
    busyLabel: 'Adding…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const view = await call('vault:addUri', { uri: uri.control.value.trim() });
      dialog.close();
      onAdded(view);
    },
  });
  const dialog = openDialog({ title: 'Add an account from a setup link', content: [form.element] });
}

/**
 * An integer from a number input: undefined when empty (main applies the
 * default), NaN when it is not a whole number (including text the browser
 * rejected, which reads as an empty value with validity.badInput set).
 */
function wholeNumber(input: HTMLInputElement): number | undefined {
  if (input.validity.badInput) return Number.NaN;
  const raw = input.value.trim();
  if (raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : Number.NaN;
}

function openAddManual(onAdded: OnAdded): void {
  const issuer = textField({
    name: 'issuer',
    label: 'Service (optional)',
    hint: 'Who issued the key, e.g. GitHub or your company name.',
  });
  const account = textField({
    name: 'account',
    label: 'Account name',
    hint: 'Usually your email address or user name.',
  });
  const secret = textField({
    name: 'secret',
    label: 'Setup key',
    hint: 'Letters A–Z and digits 2–7. Spaces and dashes are ignored.',
    monospace: true,
  });
  const type = selectField({
    name: 'type',
    label: 'Type',
    options: [
      { value: 'totp', label: 'Time-based (TOTP) — most services' },
      { value: 'hotp', label: 'Counter-based (HOTP)' },
    ],
  });
  const algorithm = selectField({
    name: 'algorithm',
    label: 'Algorithm',
    options: [
      { value: 'SHA1', label: 'SHA-1 — most services' },
      { value: 'SHA256', label: 'SHA-256' },
      { value: 'SHA512', label: 'SHA-512' },
    ],
  });
  const digits = selectField({
    name: 'digits',
    label: 'Digits',
    options: ['6', '7', '8'].map((d) => ({ value: d, label: d })),
  });
  const period = textField({
    name: 'period',
    label: 'Period (seconds)',
    type: 'number',
    value: '30',
    min: 1,
    max: 3600,
    inputmode: 'numeric',
  });
  const counter = textField({
    name: 'counter',
    label: 'Counter',
    type: 'number',
    value: '0',
    min: 0,
    inputmode: 'numeric',
  });
  const showTypeFields = (): void => {
    period.root.hidden = type.control.value !== 'totp';
    counter.root.hidden = type.control.value !== 'hotp';
  };
  type.control.addEventListener('change', showTypeFields);
  showTypeFields();

  const advancedFields = [type, algorithm, digits, period, counter];
  const advanced = h(
    'details',
    { class: 'advanced' },
    h('summary', {}, 'Advanced options'),
    h(
      'p',
      { class: 'field-hint' },
      'Change these only if the service says so; the defaults suit almost every service.',
    ),
    type.root,
    h('div', { class: 'field-row' }, algorithm.root, digits.root, period.root, counter.root),
  );

  const form = createForm({
    fields: [issuer, account, secret, ...advancedFields],
    layout: [issuer.root, account.root, secret.root, advanced],
    submitLabel: 'Add account',
    busyLabel: 'Adding…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const isTotp = type.control.value === 'totp';
      const numberField = isTotp ? period : counter;
      const n = wholeNumber(numberField.control);
      if (Number.isNaN(n)) {
        form.showError({
          code: 'NOT_A_WHOLE_NUMBER',
          message: 'Enter a whole number, or leave the field empty for the default.',
          retryable: false,
          field: numberField.name,
        });
        return;
      }
      const view = await call('vault:addManual', {
        issuer: issuer.control.value.trim(),
        account: account.control.value.trim(),
        secret: secret.control.value,
        type: isTotp ? 'totp' : 'hotp',
        algorithm: algorithm.control.value as 'SHA1' | 'SHA256' | 'SHA512',
        digits: Number(digits.control.value),
        ...(isTotp ? { period: n } : { counter: n }),
      });
      dialog.close();
      onAdded(view);
    },
  });
  const dialog = openDialog({
    title: 'Add an account by its setup key',
    content: [form.element],
    initialFocus: issuer.control,
  });
}

function openAddQrImage(onAdded: OnAdded): void {
  const input = h('input', { type: 'file', class: 'input file', accept: 'image/png,image/jpeg' });
  const image = field({
    name: 'file',
    label: 'QR code image',
    hint: 'A PNG or JPEG file, such as a screenshot of the QR code. It is read here and not kept.',
    control: input,
  });
  const form = createForm({
    fields: [image],
    fallbackField: image,
    submitLabel: 'Import',
    busyLabel: 'Reading the image…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const file = input.files?.[0];
      if (!file) {
        form.showError({
          code: 'NO_FILE',
          message: 'Choose an image file first.',
          retryable: false,
          field: 'file',
        });
        return;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        form.showError({
          code: 'IMAGE_TOO_LARGE',
          message: 'This image is larger than 10 MB. Crop it to the QR code and try again.',
          retryable: false,
          field: 'file',
        });
        return;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const view = await call('vault:importQrImage', {
        fileName: file.name.slice(0, 200),
        dataBase64: toBase64(bytes),
      });
      dialog.close();
      onAdded(view);
    },
  });
  // Choosing a file is the whole task: import it straight away.
  input.addEventListener('change', () => {
    if (input.files?.length) form.submit();
  });
  const dialog = openDialog({
    title: 'Add an account from a QR code image',
    content: [form.element],
  });
}

export const addMethods: readonly AddMethod[] = [
  {
    label: 'Paste a setup link',
    description: 'The otpauth:// link a service shows next to its QR code.',
    open: openAddUri,
  },
  {
    label: 'Import a QR code image',
    description: 'A screenshot or saved picture of the QR code.',
    open: openAddQrImage,
  },
  {
    label: 'Enter a setup key',
    description: 'Type the service, your account name and the key letters.',
    open: openAddManual,
  },
];
