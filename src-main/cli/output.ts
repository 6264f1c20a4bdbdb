/** How each command's value is printed: the bare value, or JSON with --json. */
import type { BridgeCall, CodeValue, ProfilesValue, TokenValue } from '../core/cli-bridge/protocol';

export function formatValue(call: BridgeCall, value: unknown, json: boolean): string {
  switch (call.method) {
    case 'token': {
      const token = value as TokenValue;
      return json
        ? JSON.stringify({ ...token, expiresAt: new Date(token.expiresAt).toISOString() })
        : token.token;
    }
    case 'code':
    case 'mfa-code': {
      const code = value as CodeValue;
      return json ? JSON.stringify(code) : code.code;
    }
    case 'profiles': {
      const { profiles } = value as ProfilesValue;
      if (json) {
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
  }
}
