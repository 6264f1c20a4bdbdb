/**
 * A password being chosen: the pool's rules tick off below it as it is typed
 * (the checklist is part of the field's description), and, where the screen
 * asks for it, a second typing checked against the first. Setting a new
 * password after a temporary one, resetting it, creating an account and
 * changing it all build it here, so they cannot drift apart.
 */
import type { PasswordPolicyView } from '../../../src-main/ipc/contract';
import { uid } from '../../ui/dom';
import { passwordsDiffer, textField } from '../../ui/field';
import type { Field, TextFieldOptions } from '../../ui/field';
import { policyChecklist } from './password-policy';

export interface NewPasswordOptions extends Omit<TextFieldOptions, 'describedBy'> {
  /** The profile's copy of the pool's rules; without it there is no checklist. */
  policy: PasswordPolicyView | undefined;
  /**
   * What the password is called ("new password"), when it is to be typed
   * twice: the second field asks to "Type the new password again".
   */
  typedTwice?: string;
}

export interface NewPasswordFields {
  readonly password: Field<HTMLInputElement>;
  /** For the form: every field an error can land on. */
  readonly fields: Field[];
  /** The password, its checklist, then the second typing. */
  readonly layout: Node[];
}

export interface TypedTwiceFields extends NewPasswordFields {
  readonly confirm: Field<HTMLInputElement>;
  /** True, with the second typing flagged and focused, when the two differ. */
  differ(): boolean;
}

export function newPasswordFields(o: NewPasswordOptions & { typedTwice: string }): TypedTwiceFields;
export function newPasswordFields(o: NewPasswordOptions): NewPasswordFields;
export function newPasswordFields({
  policy,
  typedTwice: what,
  ...options
}: NewPasswordOptions): NewPasswordFields | TypedTwiceFields {
  const policyId = uid('policy');
  const checklist = policy ? policyChecklist(policy, policyId) : undefined;
  const password = textField({
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    ...options,
    describedBy: checklist ? [policyId] : undefined,
  });
  const layout: Node[] = [password.root];
  if (checklist) {
    password.control.addEventListener('input', () => checklist.update(password.control.value));
    layout.push(checklist.element);
  }
  if (what === undefined) return { password, fields: [password], layout };
  const confirm = textField({
    name: 'confirmPassword',
    label: `Type the ${what} again`,
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  layout.push(confirm.root);
  return {
    password,
    confirm,
    fields: [password, confirm],
    layout,
    differ: () => passwordsDiffer(password, confirm, what),
  };
}
