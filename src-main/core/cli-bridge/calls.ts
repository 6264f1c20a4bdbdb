/**
 * What each bridge call does and how it is put to the user: the app's
 * bridge server and the CLI's `--no-app` mode run calls through the same
 * `runCall`, and the approval prompt and audit log use `describeCall`.
 */
import type { BridgeBackend } from './backend';
import type { BridgeCall } from './protocol';

export async function runCall(call: BridgeCall, backend: BridgeBackend): Promise<unknown> {
  switch (call.method) {
    case 'token':
      return backend.getToken(call.profile, call.type);
    case 'code':
      return backend.getCode(call.account);
    case 'mfa-code':
      return backend.getMfaCode(call.account);
    case 'profiles':
      return { profiles: await backend.listProfiles() };
    case 'aws-credentials':
      return backend.getAwsCredentials(call.profile);
    case 'exec-env':
      return backend.getExecEnv(call.profile);
  }
}

/** Listing profiles reveals no secret, so it needs the access key but no approval. */
export const needsApproval = (call: BridgeCall): boolean => call.method !== 'profiles';

const profileWords = (profile: string | undefined) =>
  profile ? `profile "${profile}"` : 'the default profile';

/** Words for the approval question and the audit log; names only, nothing secret. */
export function describeCall(call: BridgeCall): string {
  switch (call.method) {
    case 'token':
      return `${call.type === 'id' ? 'an ID' : 'an access'} token for ${profileWords(call.profile)}`;
    case 'code':
      return `the current code for vault account "${call.account}"`;
    case 'mfa-code':
      return call.account
        ? `an MFA code for vault account "${call.account}"`
        : 'an MFA code (the only vault account)';
    case 'profiles':
      return 'the list of profiles';
    case 'aws-credentials':
      return `AWS credentials for ${profileWords(call.profile)}`;
    case 'exec-env':
      return `the ID and access tokens (and AWS credentials, if set up) for ${profileWords(call.profile)}, to run "${call.command}"`;
  }
}
