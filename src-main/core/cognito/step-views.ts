/**
 * Titles, descriptions and fields of each sign-in step, so the wizard can
 * render any step without knowing Cognito.
 */
import type { MfaType, StepField } from './views';

export const MFA_LABELS: Record<MfaType, string> = {
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
  SMS_MFA: 'Text message (SMS)',
  EMAIL_OTP: 'Email',
};

export function codeField(label: string, autofillHint?: string): StepField {
  const field: StepField = {
    name: 'code',
    label,
    type: 'code',
    required: true,
    autocomplete: 'one-time-code',
    length: 6,
  };
  if (autofillHint) field.hint = autofillHint;
  return field;
}

/** Attributes the user may not set themselves at NEW_PASSWORD_REQUIRED. */
const READ_ONLY_ATTRIBUTES = new Set([
  'sub',
  'email_verified',
  'phone_number_verified',
  'cognito:user_status',
  'identities',
]);

const ATTRIBUTE_LABELS: Record<string, string> = {
  email: 'Email address',
  phone_number: 'Phone number (+countrycode…)',
  name: 'Full name',
  given_name: 'First name',
  family_name: 'Last name',
  preferred_username: 'Preferred username',
  nickname: 'Nickname',
  birthdate: 'Date of birth (YYYY-MM-DD)',
  address: 'Address',
  gender: 'Gender',
  locale: 'Locale',
  zoneinfo: 'Time zone',
  website: 'Website',
  picture: 'Picture URL',
  profile: 'Profile URL',
  middle_name: 'Middle name',
};

export function attributeLabel(name: string): string {
  return (
    ATTRIBUTE_LABELS[name] ?? (name.startsWith('custom:') ? name.slice('custom:'.length) : name)
  );
}

function attributeType(name: string): StepField['type'] {
  if (name === 'email') return 'email';
  if (name === 'phone_number') return 'tel';
  return 'text';
}

/** `userAttributes.email` → `email`. */
export function stripAttributePrefix(name: string): string {
  return name.startsWith('userAttributes.') ? name.slice('userAttributes.'.length) : name;
}

export function newPasswordFields(
  required: string[],
  current: Record<string, string>,
): StepField[] {
  const fields: StepField[] = [
    {
      name: 'newPassword',
      label: 'New password',
      type: 'password',
      required: true,
      autocomplete: 'new-password',
    },
  ];
  for (const name of required) {
    const field: StepField = {
      name: `attributes.${name}`,
      label: attributeLabel(name),
      type: attributeType(name),
      required: true,
    };
    if (current[name]) field.value = current[name];
    fields.push(field);
  }
  for (const [name, value] of Object.entries(current)) {
    if (required.includes(name) || READ_ONLY_ATTRIBUTES.has(name)) continue;
    fields.push({
      name: `attributes.${name}`,
      label: attributeLabel(name),
      type: attributeType(name),
      required: false,
      value,
    });
  }
  return fields;
}

export function isWritableAttribute(name: string): boolean {
  return !READ_ONLY_ATTRIBUTES.has(name);
}
