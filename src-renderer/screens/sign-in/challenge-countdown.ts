/**
 * The time left on an attempt's Session, shown on every challenge screen that
 * has one, with what a fresh start keeps.
 */
import type { AuthStepView, ProfileView } from '../../../src-main/ipc/contract';
import { sessionCountdown } from '../enroll/session-countdown';
import type { SessionCountdown } from '../enroll/session-countdown';

export interface ChallengeCountdown {
  /** The countdown on the screen now. */
  readonly element: HTMLElement;
  /** Starts the clock again from the expiry main has now (a rejected custom answer brings a new Session). */
  renew(): Promise<void>;
  stop(): void;
}

export interface CountdownSource {
  restart(): Promise<void>;
  sessionExpiresAt(): Promise<number | undefined>;
}

/** Undefined when main gives no expiry for this step. */
export function challengeCountdown(
  view: AuthStepView,
  profile: ProfileView,
  source: CountdownSource,
): ChallengeCountdown | undefined {
  if (view.sessionExpiresAt === undefined) return undefined;
  const kept =
    profile.authFlow === 'CUSTOM_AUTH'
      ? 'your username is kept.'
      : 'your username and password are kept.';
  const until = (expiresAt: number): SessionCountdown =>
    sessionCountdown({
      expiresAt,
      validityMinutes: profile.authSessionValidityMinutes,
      purpose: view.kind === 'MFA_SETUP' ? 'finish the setup' : 'finish this step',
      restartNote:
        view.kind === 'MFA_SETUP'
          ? `you get a new QR code (remove the old entry from your authenticator app); ${kept}`
          : kept,
      onRestart: source.restart,
    });
  let current = until(view.sessionExpiresAt);
  return {
    get element() {
      return current.element;
    },
    async renew() {
      const expiresAt = await source.sessionExpiresAt();
      if (expiresAt === undefined) return;
      const fresh = until(expiresAt);
      current.element.replaceWith(fresh.element);
      current.stop();
      current = fresh;
    },
    stop: () => current.stop(),
  };
}
