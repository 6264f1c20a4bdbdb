/**
 * A one-time-code field: one input (not six boxes, which break paste and
 * screen readers) that keeps digits only, so "492 039" pasted becomes 492039,
 * and calls onComplete as soon as the last digit is in (UX: "submits itself on
 * the sixth digit").
 */
import { h } from './dom';
import { field } from './field';
import type { Field } from './field';

export interface CodeFieldOptions {
  name: string;
  label: string;
  hint?: string;
  digits?: number;
  onComplete(code: string): void;
}

export function codeField(o: CodeFieldOptions): Field<HTMLInputElement> {
  const digits = o.digits ?? 6;
  const input = h('input', {
    type: 'text',
    class: 'input mono code-input',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    spellcheck: 'false',
    pattern: `[0-9]{${digits}}`,
  });
  let completed = '';
  input.addEventListener('input', () => {
    const clean = input.value.replace(/\D/g, '').slice(0, digits);
    if (clean !== input.value) input.value = clean;
    if (clean.length === digits && clean !== completed) {
      completed = clean;
      o.onComplete(clean);
    } else if (clean.length < digits) {
      completed = '';
    }
  });
  return field({ name: o.name, label: o.label, hint: o.hint, control: input });
}
