/**
 * Titles, descriptions and fields of each sign-in step, so the wizard can
 * render any step without knowing Cognito.
 */
import { parseAttributes, parseMfaList, parseStringList } from './challenge-parameters';
import { availableOf, FIRST_FACTOR_LABELS, offeredFactors } from './choice-sign-in';
import type { ResolvedProfile } from './profiles';
import type { PersonChallenge } from './sign-in-answers';
import type {
  AuthFlowName,
  AuthStepView,
  DeviceOutcomeView,
  MfaType,
  SignedInView,
  StepField,
  TotpSetupView,
} from './views';

/** A step's own part of the view; the attempt adds its ids, username and Session expiry. */
type StepContent = Pick<AuthStepView, 'kind' | 'title' | 'description' | 'fields'> &
  Partial<AuthStepView>;

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

export function challengeStep(
  kind: PersonChallenge,
  params: Record<string, string>,
  canAutofill: boolean,
  profile: ResolvedProfile,
): StepContent & Pick<AuthStepView, 'canAutofill'> {
  const destination = params.CODE_DELIVERY_DESTINATION;
  switch (kind) {
    case 'SMS_MFA':
      return {
        kind,
        title: 'Enter the code we texted you',
        description: destination
          ? `A 6-digit code was sent by text message to ${destination}.`
          : 'A 6-digit code was sent to your phone.',
        fields: [codeField('Code from the text message')],
        canAutofill: false,
        ...(destination ? { codeDeliveryDestination: destination } : {}),
        codeDeliveryMedium: 'SMS',
      };
    case 'EMAIL_OTP':
      return {
        kind,
        title: 'Enter the code we emailed you',
        description: destination
          ? `A code was sent to ${destination}.`
          : 'A code was sent to your email address.',
        fields: [codeField('Code from the email')],
        canAutofill: false,
        ...(destination ? { codeDeliveryDestination: destination } : {}),
        codeDeliveryMedium: 'EMAIL',
      };
    case 'SMS_OTP':
      return {
        kind,
        title: 'Enter the code we texted you',
        description: destination
          ? `A 6-digit code was sent by text message to ${destination}. It signs you in.`
          : 'A 6-digit code was sent to your phone. It signs you in.',
        fields: [codeField('Code from the text message')],
        canAutofill: false,
        ...(destination ? { codeDeliveryDestination: destination } : {}),
        codeDeliveryMedium: 'SMS',
      };
    case 'SELECT_CHALLENGE':
      return selectChallengeStep(params);
    case 'SOFTWARE_TOKEN_MFA':
      return {
        kind,
        title: 'Enter the code from your authenticator',
        description: canAutofill
          ? 'This app holds your authenticator secret for this pool: fill the code in with one action, or type it.'
          : 'Open your authenticator app and enter the 6-digit code it shows for this account.',
        fields: [
          codeField(
            'Authenticator code',
            params.FRIENDLY_DEVICE_NAME ? `From "${params.FRIENDLY_DEVICE_NAME}"` : undefined,
          ),
        ],
        canAutofill,
      };
    case 'SELECT_MFA_TYPE': {
      const options = parseMfaList(params.MFAS_CAN_CHOOSE);
      return {
        kind,
        title: 'Choose how to verify it is you',
        description: 'Your account has more than one second factor. Pick the one to use now.',
        mfaOptions: options,
        fields: [
          {
            name: 'mfaType',
            label: 'Verification method',
            type: 'choice',
            required: true,
            options: options.map((o) => ({ value: o, label: MFA_LABELS[o] })),
          },
        ],
        canAutofill: false,
      };
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const required = parseStringList(params.requiredAttributes).map(stripAttributePrefix);
      return {
        kind,
        title: 'Choose a new password',
        description:
          required.length > 0
            ? 'Your administrator gave you a temporary password. Choose your own, and fill in the details the pool needs.'
            : 'Your administrator gave you a temporary password. Choose your own.',
        fields: newPasswordFields(required, parseAttributes(params.userAttributes)),
        canAutofill: false,
        ...(profile.passwordPolicy ? { passwordPolicy: profile.passwordPolicy } : {}),
      };
    }
    case 'CUSTOM_CHALLENGE':
      return {
        kind,
        title: 'Answer the sign-in challenge',
        description: 'The pool asks a question of its own. Its details are below.',
        fields: [{ name: 'answer', label: 'Your answer', type: 'text', required: true }],
        challengeParameters: Object.fromEntries(
          Object.entries(params).filter(([k]) => k !== 'USER_ID_FOR_SRP' && k !== 'USERNAME'),
        ),
        canAutofill: false,
      };
  }
}

/**
 * Passkeys cannot be used from inside the app (Chromium refuses WebAuthn on
 * its app:// origin), so a passkey is mentioned, never offered.
 */
function selectChallengeStep(
  params: Record<string, string>,
): StepContent & Pick<AuthStepView, 'canAutofill'> {
  const available = availableOf(params);
  const factors = offeredFactors(available);
  const passkey = available.includes('WEB_AUTHN');
  const passkeyNote = passkey
    ? factors.length > 0
      ? ' Your account also has a passkey; passkeys work only in the browser sign-in, which this app does not have yet.'
      : ''
    : '';
  return {
    kind: 'SELECT_CHALLENGE',
    title: factors.length > 0 ? 'Choose how to sign in' : 'This account signs in with a passkey',
    description:
      factors.length > 0
        ? `Pick one way to prove it is you.${passkeyNote}`
        : 'Your account can only sign in with a passkey, and passkeys work only in the browser sign-in, which this app does not have yet. Ask your administrator to allow a password or a code for your account.',
    firstFactors: factors,
    passkeyOffered: passkey,
    fields:
      factors.length > 0
        ? [
            {
              name: 'factor',
              label: 'Sign in with',
              type: 'choice',
              required: true,
              options: factors.map((f) => ({ value: f, label: FIRST_FACTOR_LABELS[f] })),
            },
          ]
        : [],
    canAutofill: false,
  };
}

/** `deviceName` prefills the authenticator's name, as Cognito lists it later. */
export function mfaSetupStep(
  options: MfaType[],
  setup: TotpSetupView,
  deviceName: string,
): StepContent {
  return {
    kind: 'MFA_SETUP',
    title: 'Set up your authenticator app',
    description:
      'Scan the QR code with your authenticator app (or type the key), then enter the 6-digit code it shows. Or let this computer be the authenticator.',
    mfaOptions: options,
    setup,
    fields: [
      {
        name: 'useThisComputer',
        label: 'Use this computer as the authenticator',
        type: 'checkbox',
        required: false,
      },
      codeField('Code from your authenticator app'),
      {
        name: 'friendlyDeviceName',
        label: 'Name for this authenticator (optional)',
        type: 'text',
        required: false,
        value: deviceName,
      },
    ],
  };
}

export function sessionExpiredStep(
  validityMinutes: number,
  flow: AuthFlowName,
): Omit<StepContent, 'fields'> {
  return {
    kind: 'SESSION_EXPIRED',
    title: 'The sign-in session expired',
    description: `Cognito gives each sign-in step ${validityMinutes} minutes. Start again: ${keptOnRestart(flow)} and nothing is lost.`,
  };
}

/** What a fresh session reuses: a custom sign-in has no password to keep. */
function keptOnRestart(flow: AuthFlowName): string {
  return flow === 'CUSTOM_AUTH' ? 'your username is kept' : 'your username and password are kept';
}

/** `askedForMfa`: skipping the MFA step is only a promise to make when there was one. */
export function rememberDeviceStep(
  device: DeviceOutcomeView,
  signedIn: SignedInView,
  askedForMfa: boolean,
): StepContent {
  return {
    kind: 'REMEMBER_DEVICE',
    title: 'Remember this computer?',
    description: askedForMfa
      ? 'If you say yes, signing in here may skip the MFA step next time.'
      : 'If you say yes, Cognito keeps this computer on your list of devices. Should your account need an MFA step later, signing in here may skip it.',
    device,
    signedIn,
    fields: [
      {
        name: 'remember',
        label: 'Remember this computer',
        type: 'checkbox',
        required: false,
      },
    ],
  };
}

export function signedInStep(
  device: DeviceOutcomeView,
  signedIn: SignedInView,
): Omit<StepContent, 'fields'> {
  return {
    kind: 'SIGNED_IN',
    title: 'Signed in',
    description: `Signed in as ${signedIn.username}.`,
    device,
    signedIn,
  };
}
