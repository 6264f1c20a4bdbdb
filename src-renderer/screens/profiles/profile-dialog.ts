/**
 * Add or edit a profile: the pool, the app client and, under "Advanced", the
 * endpoint, auth flow, session length, client metadata, password rules and
 * the identity pool for AWS credentials.
 * Main checks every field and names the one that is wrong.
 */
import type { ProfileInput, ProfileView } from '../../../src-main/ipc/contract';
import { ApiError, call } from '../../api';
import { cancelButton, openDialog } from '../../ui/dialog';
import { h, uid } from '../../ui/dom';
import { field, selectField, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';

function checkbox(label: string, checked: boolean): { row: HTMLElement; input: HTMLInputElement } {
  const id = uid('cb');
  const input = h('input', { type: 'checkbox', id, checked });
  return { row: h('div', { class: 'checkbox-row' }, input, h('label', { for: id }, label)), input };
}

type AuthFlow = ProfileView['authFlow'];

/** One line under the auth-flow select, for the flow chosen. */
const FLOW_HINTS: Record<AuthFlow, string> = {
  USER_SRP_AUTH: 'The password is proved with SRP and never leaves this computer.',
  USER_PASSWORD_AUTH:
    'The password is sent to Cognito over TLS; use it only if the client needs it.',
  CUSTOM_AUTH:
    'No password here: the pool’s Lambda triggers ask their own questions, shown as they come.',
  USER_AUTH:
    'Username first, then the person picks how to sign in: password (proved with SRP where offered), or a code by email or text.',
};

/** "key=value" lines → ClientMetadata; a line without "=" is an error on the field. */
function parseMetadata(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new ApiError('profiles:add', {
        code: 'INVALID_METADATA',
        message: `Line ${i + 1} needs the form key=value.`,
        retryable: false,
        field: 'clientMetadata',
      });
    }
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function openProfileDialog(
  existing: ProfileView | undefined,
  onSaved: (p: ProfileView) => void,
): void {
  const displayName = textField({
    name: 'displayName',
    label: 'Name',
    hint: 'Shown in the profile list, e.g. “Acme production”.',
    value: existing?.displayName,
  });
  const region = textField({
    name: 'region',
    label: 'Region',
    hint: 'Filled in from the pool id.',
    value: existing?.region,
  });
  const userPoolId = textField({
    name: 'userPoolId',
    label: 'User pool id',
    placeholder: 'eu-west-1_AbC123xyz',
    value: existing?.userPoolId,
    monospace: true,
  });
  const clientId = textField({
    name: 'clientId',
    label: 'App client id',
    value: existing?.clientId,
    monospace: true,
  });
  const clientSecret = textField({
    name: 'clientSecret',
    label: 'App client secret (only for a client with a secret)',
    type: 'password',
    hint: existing?.hasClientSecret
      ? 'A secret is stored in the keychain. Leave this empty to keep it.'
      : 'Leave empty for a public client. A secret is kept in the system keychain.',
  });
  // The pool id starts with its region: fill the region in unless the person typed their own.
  let filledRegion = existing?.region ?? '';
  const regionHint = region.root.querySelector('.field-hint');
  const poolRegion = (): string | undefined =>
    /^([a-z]{2}(?:-[a-z]+)+-\d+)_/.exec(userPoolId.control.value.trim())?.[1];
  const explainRegion = (): void => {
    const prefix = poolRegion();
    const current = region.control.value.trim();
    if (!regionHint) return;
    regionHint.textContent =
      prefix && current !== prefix
        ? `The pool id starts with ${prefix}, so the region should be ${prefix}.`
        : 'Filled in from the pool id.';
  };
  userPoolId.control.addEventListener('input', () => {
    const prefix = poolRegion();
    const current = region.control.value.trim();
    if (prefix && (current === '' || current === filledRegion)) {
      region.control.value = prefix;
      filledRegion = prefix;
      region.clearError();
    }
    explainRegion();
  });
  region.control.addEventListener('input', explainRegion);
  const removeSecret = checkbox('Remove the stored client secret', false);
  const endpoint = textField({
    name: 'endpoint',
    label: 'Endpoint (optional)',
    hint: 'Only for a local emulator or a proxy; empty means Cognito in the region.',
    value: existing?.endpoint,
    placeholder: 'http://127.0.0.1:9229',
  });
  const initialFlow: AuthFlow = existing?.authFlow ?? 'USER_SRP_AUTH';
  const authFlow = selectField({
    name: 'authFlow',
    label: 'How you prove who you are',
    hint: FLOW_HINTS[initialFlow],
    options: [
      {
        value: 'USER_SRP_AUTH',
        label: 'SRP (recommended: the password never leaves this computer)',
      },
      { value: 'USER_PASSWORD_AUTH', label: 'Plain password over TLS (USER_PASSWORD_AUTH)' },
      { value: 'CUSTOM_AUTH', label: 'Custom challenge from the pool (CUSTOM_AUTH)' },
      { value: 'USER_AUTH', label: 'Choose at sign-in: password or a code (USER_AUTH)' },
    ],
    value: initialFlow,
  });
  const flowHint = authFlow.root.querySelector('.field-hint');
  authFlow.control.addEventListener('change', () => {
    if (flowHint) flowHint.textContent = FLOW_HINTS[authFlow.control.value as AuthFlow];
  });
  const validity = textField({
    name: 'authSessionValidityMinutes',
    label: 'Sign-in session length in minutes (3–15)',
    type: 'number',
    min: 3,
    max: 15,
    value: String(existing?.authSessionValidityMinutes ?? 3),
    hint: 'The app client’s “Authentication flow session duration”; 3 unless changed.',
  });
  const metadataInput = h('textarea', { class: 'input mono', rows: 3, spellcheck: 'false' });
  metadataInput.value = Object.entries(existing?.clientMetadata ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const metadata = field({
    name: 'clientMetadata',
    label: 'Client metadata (optional, one key=value per line)',
    hint: 'Passed to the pool’s Lambda triggers.',
    control: metadataInput,
  });
  const identityPoolId = textField({
    name: 'identityPoolId',
    label: 'Identity pool id (optional)',
    placeholder: 'eu-west-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    value: existing?.identityPool?.id,
    monospace: true,
    hint: 'For AWS credentials from the command line (cognito-auth aws-credentials).',
  });
  const identityProvider = textField({
    name: 'identityProvider',
    label: 'Login provider (optional)',
    value:
      existing?.identityPool &&
      existing.identityPool.providerName !==
        `cognito-idp.${existing.region}.amazonaws.com/${existing.userPoolId}`
        ? existing.identityPool.providerName
        : '',
    monospace: true,
    hint: 'Empty means this user pool: cognito-idp.<region>.amazonaws.com/<user pool id>.',
  });
  const policy = existing?.passwordPolicy;
  const minLength = textField({
    name: 'passwordPolicy',
    label: 'Minimum password length (optional)',
    type: 'number',
    min: 6,
    max: 99,
    value: policy ? String(policy.minimumLength) : '',
    hint: 'The pool’s password rules, shown when someone chooses a new password.',
  });
  const upper = checkbox('Needs an uppercase letter', policy?.requireUppercase ?? false);
  const lower = checkbox('Needs a lowercase letter', policy?.requireLowercase ?? false);
  const numbers = checkbox('Needs a number', policy?.requireNumbers ?? false);
  const symbols = checkbox('Needs a symbol', policy?.requireSymbols ?? false);
  // No call a signed-out user may make reveals AllowAdminCreateUserOnly, so the administrator says it.
  const adminOnly = checkbox(
    'Only administrators create accounts (sign-up is not offered)',
    existing?.adminCreateUserOnly ?? false,
  );

  const fields = [
    displayName,
    region,
    userPoolId,
    clientId,
    clientSecret,
    endpoint,
    authFlow,
    validity,
    metadata,
    minLength,
    identityPoolId,
    identityProvider,
  ];
  const form = createForm({
    fields,
    layout: [
      displayName.root,
      h('div', { class: 'field-row two' }, userPoolId.root, region.root),
      clientId.root,
      clientSecret.root,
      existing?.hasClientSecret ? removeSecret.row : null,
      h(
        'details',
        { class: 'advanced' },
        h('summary', {}, 'Advanced'),
        endpoint.root,
        authFlow.root,
        validity.root,
        metadata.root,
        minLength.root,
        h('div', { class: 'checkbox-grid' }, upper.row, lower.row, numbers.row, symbols.row),
        adminOnly.row,
        identityPoolId.root,
        identityProvider.root,
      ),
    ].filter((n): n is HTMLElement => n !== null),
    submitLabel: existing ? 'Save profile' : 'Add profile',
    busyLabel: 'Checking the profile…',
    secondary: [cancelButton()],
    onSubmit: async () => {
      const input: ProfileInput = {
        displayName: displayName.control.value,
        region: region.control.value,
        userPoolId: userPoolId.control.value,
        clientId: clientId.control.value,
        endpoint: endpoint.control.value,
        authFlow: authFlow.control.value as ProfileInput['authFlow'],
        authSessionValidityMinutes: Number(validity.control.value),
        identityPoolId: identityPoolId.control.value,
        identityProvider: identityProvider.control.value,
      };
      const secret = clientSecret.control.value.trim();
      if (existing?.hasClientSecret && removeSecret.input.checked) input.clientSecret = '';
      else if (secret || !existing) input.clientSecret = secret;
      if (adminOnly.input.checked) input.adminCreateUserOnly = true;
      const meta = parseMetadata(metadataInput.value);
      if (Object.keys(meta).length > 0) input.clientMetadata = meta;
      if (minLength.control.value.trim()) {
        input.passwordPolicy = {
          minimumLength: Number(minLength.control.value),
          requireUppercase: upper.input.checked,
          requireLowercase: lower.input.checked,
          requireNumbers: numbers.input.checked,
          requireSymbols: symbols.input.checked,
        };
      }
      const saved = existing
        ? await call('profiles:update', { id: existing.id, profile: input })
        : await call('profiles:add', input);
      dialog.close();
      toast(existing ? `Saved ${saved.displayName}.` : `Added ${saved.displayName}.`);
      onSaved(saved);
    },
  });
  const dialog = openDialog({
    title: existing ? `Edit ${existing.displayName}` : 'Add a profile',
    description:
      'A profile is one Cognito user pool and app client. Your administrator can tell you these values.',
    content: [form.element],
    initialFocus: displayName.control,
  });
}
