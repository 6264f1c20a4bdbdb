import { HOTP, Secret, TOTP } from 'otpauth';
import { steamCode } from './steam';
import type { OtpParams } from './types';

export interface Codes {
  code: string;
  /** TOTP: the next period's code; absent for HOTP. */
  nextCode?: string;
  /** TOTP: whole seconds left in the current period, 1..period. */
  secondsLeft?: number;
}

/** The codes an account shows at `now` (ms); otpauth does the HMAC. */
export function codesAt(params: OtpParams, base32Secret: string, now: number): Codes {
  const common = {
    secret: Secret.fromBase32(base32Secret),
    algorithm: params.algorithm,
    digits: params.digits,
  };
  if (params.type === 'hotp') {
    return { code: HOTP.generate({ ...common, counter: params.counter ?? 0 }) };
  }
  const period = params.period ?? 30;
  const periodMs = period * 1000;
  const secondsLeft = Math.ceil(TOTP.remaining({ period, timestamp: now }) / 1000);
  if (params.type === 'steam') {
    const key = common.secret.bytes;
    return { code: steamCode(key, now), nextCode: steamCode(key, now + periodMs), secondsLeft };
  }
  return {
    code: TOTP.generate({ ...common, period, timestamp: now }),
    nextCode: TOTP.generate({ ...common, period, timestamp: now + periodMs }),
    secondsLeft,
  };
}
