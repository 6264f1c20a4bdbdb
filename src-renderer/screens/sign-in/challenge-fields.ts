/**
 * The controls a challenge asks for, built from the fields main lists: text,
 * email and phone inputs, a code field, a radio group, and a new password
 * with its rules and a second typing.
 */
import type { AuthStepView, StepField } from '../../../src-main/ipc/contract';
import { codeField } from '../../ui/code-field';
import { h, uid } from '../../ui/dom';
import { textField } from '../../ui/field';
import type { Field } from '../../ui/field';
import { policyChecklist } from './password-policy';

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

function inputField(f: StepField, describedBy?: string[]): Field<HTMLInputElement> {
  const made = textField({
    describedBy,
    name: f.name,
    label: f.required ? f.label : `${f.label} (optional)`,
    hint: f.hint,
    type: f.type === 'password' ? 'password' : 'text',
    value: f.value,
    required: f.required,
    autocomplete: f.autocomplete,
  });
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

/** The new password, the pool's rules ticking off as it is typed, and the second typing. */
function newPasswordFields(
  f: StepField,
  policy: AuthStepView['passwordPolicy'],
): { newPassword: Field<HTMLInputElement>; confirm: Field<HTMLInputElement>; layout: Node[] } {
  const policyId = uid('policy');
  const checklist = policy ? policyChecklist(policy, policyId) : undefined;
  const newPassword = inputField(f, checklist ? [policyId] : undefined);
  if (checklist) {
    newPassword.control.addEventListener('input', () =>
      checklist.update(newPassword.control.value),
    );
  }
  const confirm = textField({
    name: 'confirmPassword',
    label: 'Type the new password again',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const layout: Node[] = [newPassword.root];
  if (checklist) layout.push(checklist.element);
  layout.push(confirm.root);
  return { newPassword, confirm, layout };
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
      const { newPassword, confirm, layout } = newPasswordFields(f, view.passwordPolicy);
      made.newPassword = newPassword;
      made.confirm = confirm;
      made.fields.push(newPassword, confirm);
      made.layout.push(...layout);
    } else {
      const input = inputField(f);
      made.fields.push(input);
      made.layout.push(input.root);
    }
  }
  return made;
}
