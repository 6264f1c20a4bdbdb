/** The CLI's exit codes; documented in the README and `cognito-auth --help`. */
import type { BridgeErrorCode } from '../core/cli-bridge/protocol';

export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  appNotRunning: 3,
  notSignedIn: 4,
  denied: 5,
  network: 6,
  /** The socket at the app's address is not provably the app's (wrong owner or mode). */
  untrustedChannel: 7,
  identityPoolRefused: 8,
  timedOut: 9,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(code: string): ExitCode {
  switch (code as BridgeErrorCode) {
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
    case 'NO_IDENTITY_POOL':
      return ExitCode.usage;
    case 'IDENTITY_POOL_REFUSED':
      return ExitCode.identityPoolRefused;
    case 'TIMED_OUT':
      return ExitCode.timedOut;
    case 'NOT_SIGNED_IN':
      return ExitCode.notSignedIn;
    case 'UNAUTHORIZED':
    case 'CALLER_UNVERIFIED':
    case 'DENIED':
    case 'LOCKED':
      return ExitCode.denied;
    case 'NETWORK':
      return ExitCode.network;
    default:
      return ExitCode.other;
  }
}
