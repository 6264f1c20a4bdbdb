/** How each command's value is printed: the bare value, JSON, or a tool's own format. */
import {
  awsEnvironment,
  credentialProcessJson,
  execCredentialJson,
  shellExports,
} from '../core/cli-bridge/credential-formats';
import type {
  AwsCredentialsValue,
  BridgeCall,
  CodeValue,
  ProfilesValue,
  TokenValue,
} from '../core/cli-bridge/protocol';
import type { OutputFormat } from './usage';

export function formatValue(call: BridgeCall, value: unknown, format: OutputFormat): string {
  switch (call.method) {
    case 'token': {
      const token = value as TokenValue;
      if (format === 'exec-credential') return execCredentialJson(token);
      return format === 'json'
        ? JSON.stringify({ ...token, expiresAt: new Date(token.expiresAt).toISOString() })
        : token.token;
    }
    case 'aws-credentials': {
      const credentials = value as AwsCredentialsValue;
      return format === 'env'
        ? shellExports(awsEnvironment(credentials))
        : credentialProcessJson(credentials);
    }
    case 'code':
    case 'mfa-code': {
      const code = value as CodeValue;
      return format === 'json' ? JSON.stringify(code) : code.code;
    }
    case 'profiles': {
      const { profiles } = value as ProfilesValue;
      if (format === 'json') {
        return JSON.stringify({
          profiles: profiles.map((p) => ({
            ...p,
            ...(p.expiresAt === undefined
              ? {}
              : { expiresAt: new Date(p.expiresAt).toISOString() }),
          })),
        });
      }
      return profiles
        .map((p) =>
          [
            p.name,
            p.signedIn ? 'signed in' : 'signed out',
            p.username ?? '',
            p.expiresAt === undefined ? '' : `expires ${new Date(p.expiresAt).toISOString()}`,
          ].join('\t'),
        )
        .join('\n');
    }
    case 'exec-env':
      return '';
  }
}
