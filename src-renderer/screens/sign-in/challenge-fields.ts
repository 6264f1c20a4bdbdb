/**
 * The controls a challenge asks for, built from the fields main lists: text,
 * email and phone inputs, a code field, a radio group, and a new password
 * with its rules and a second typing.
 */
import type { AuthStepView, StepField } from '../../../src-main/ipc/contract';
import { codeField } from '../../ui/code-field';
import { h, uid } from '../../ui/dom';
import { textField } from '../../ui/field';
import type { Field, TextFieldOptions } from '../../ui/field';
import { newPasswordFields } from './new-password-fields';

export interface ChoiceGroup {
  element: HTMLElement;
  value(): string | undefined;
}

export interface ChallengeFields {
  /** Every field an error can land on, for the form. */
  fields: Field[];
  /** The controls in the order main listed them. */
  layout: Node[];
  code?: Field<HTMLInputElement>;
  choice?: ChoiceGroup;
  newPassword?: Field<HTMLInputElement>;
  confirm?: Field<HTMLInputElement>;
}

function inputOptions(f: StepField): TextFieldOptions {
  return {
    name: f.name,
    label: f.required ? f.label : `${f.label} (optional)`,
    hint: f.hint,
    type: f.type === 'password' ? 'password' : 'text',
    value: f.value,
    required: f.required,
    autocomplete: f.autocomplete,
  };
}

function inputField(f: StepField): Field<HTMLInputElement> {
  const made = textField(inputOptions(f));
  if (f.type === 'email' || f.type === 'tel') made.control.type = f.type;
  return made;
}

/** A radio group for `choice` fields; Enter on a radio submits like any field. */
export function choiceGroup(f: StepField): ChoiceGroup {
  const legendId = uid('legend');
  const radios = (f.options ?? []).map((opt, i) => {
    const id = uid(`choice-${f.name}`);
    const radio = h('input', {
      type: 'radio',
      id,
      name: f.name,
      value: opt.value,
      checked: i === 0,
    });
    return {
      radio,
      row: h('div', { class: 'checkbox-row' }, radio, h('label', { for: id }, opt.label)),
    };
  });
  const element = h(
    'fieldset',
    { class: 'choice-group', 'aria-labelledby': legendId },
    h('legend', { id: legendId, class: 'field-label' }, f.label),
    ...radios.map((r) => r.row),
  );
  return { element, value: () => radios.find((r) => r.radio.checked)?.radio.value };
}

/** `onCodeComplete`: the last digit of a code is in. */
export function challengeFields(view: AuthStepView, onCodeComplete: () => void): ChallengeFields {
  const made: ChallengeFields = { fields: [], layout: [] };
  for (const f of view.fields) {
    if (f.type === 'code') {
      const code = codeField({
        name: f.name,
        label: f.label,
        hint: f.hint ?? 'Paste it or type it; it is checked as soon as the last digit is in.',
        digits: f.length ?? 6,
        onComplete: onCodeComplete,
      });
      made.code = code;
      made.fields.push(code);
      made.layout.push(code.root);
    } else if (f.type === 'choice') {
      made.choice = choiceGroup(f);
      made.layout.push(made.choice.element);
    } else if (f.name === 'newPassword') {
      const typed = newPasswordFields({
        ...inputOptions(f),
        policy: view.passwordPolicy,
        typedTwice: 'new password',
      });
      made.newPassword = typed.password;
      made.confirm = typed.confirm;
      made.fields.push(...typed.fields);
      made.layout.push(...typed.layout);
    } else {
      const input = inputField(f);
      made.fields.push(input);
      made.layout.push(input.root);
    }
  }
  return made;
}
