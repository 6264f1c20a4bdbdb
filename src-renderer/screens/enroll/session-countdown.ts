/**
 * The time left in a sign-in step's Cognito Session (3 minutes by default),
 * with a restart offered BEFORE the Session dies: once less than a minute is
 * left, a "Start a fresh session" button appears, so nobody types a code into
 * a dead Session. Screen readers hear each full minute and the last-minute
 * warning through a polite live region, not every tick.
 */
import { h } from '../../ui/dom';
import { minutesSeconds, secondsUntil, spokenDuration } from '../sign-in/time-text';

/** From this many seconds left the restart is offered. */
export const OFFER_RESTART_SECONDS = 60;

export interface SessionCountdownOptions {
  /** ms since epoch (main's clock) when the Session stops working. */
  expiresAt: number;
  /** The app client's session lifetime: no countdown starts above it, whatever the clocks say. */
  validityMinutes: number;
  /** What the countdown is for, in "Time left to <purpose>". */
  purpose: string;
  /** What restarting means for the person (e.g. a new QR code). */
  restartNote: string;
  onRestart(): Promise<void>;
}

export interface SessionCountdown {
  readonly element: HTMLElement;
  stop(): void;
}

export function sessionCountdown(o: SessionCountdownOptions): SessionCountdown {
  // A Session never outlives its validity; capping guards against this window's clock lagging main's.
  const expiresAt = Math.min(o.expiresAt, Date.now() + o.validityMinutes * 60_000);
  const time = h('span', { class: 'countdown-time' });
  const timer = h(
    'p',
    { class: 'countdown-line', role: 'timer', 'aria-label': `Time left to ${o.purpose}` },
    `Time left to ${o.purpose}: `,
    time,
  );
  const spoken = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const offerText = h('p', { class: 'countdown-offer-text' });
  const failure = h('p', { class: 'field-error-message', role: 'alert', hidden: true });
  const restart = h('button', { type: 'button', class: 'button' }, 'Start a fresh session');
  const offer = h('div', { class: 'countdown-offer', hidden: true }, offerText, restart, failure);
  const element = h('div', { class: 'session-countdown' }, timer, spoken, offer);

  let lastAnnounced: number | undefined;
  restart.addEventListener('click', () => {
    restart.disabled = true;
    restart.textContent = 'Starting a fresh session…';
    failure.hidden = true;
    o.onRestart()
      .catch((e: unknown) => {
        failure.textContent = `A fresh session could not be started: ${
          e instanceof Error ? e.message : String(e)
        } Try again, or use “Start over”.`;
        failure.hidden = false;
      })
      .finally(() => {
        restart.disabled = false;
        restart.textContent = 'Start a fresh session';
      });
  });

  const tick = (): void => {
    const left = secondsUntil(expiresAt);
    time.textContent = minutesSeconds(left);
    element.classList.toggle('ending', left <= OFFER_RESTART_SECONDS);
    element.classList.toggle('expired', left === 0);
    offer.hidden = left > OFFER_RESTART_SECONDS;
    if (left === 0) {
      offerText.textContent = `This session has expired, so Cognito will not accept a code any more. Start a fresh one: ${o.restartNote}`;
    } else if (left <= OFFER_RESTART_SECONDS) {
      offerText.textContent = `Less than a minute left. If you need more time, start a fresh session now: ${o.restartNote}`;
    }
    // Speak whole minutes, the last-minute warning and the end: enough to act on, never a tick.
    const milestone =
      left === 0
        ? 0
        : left <= OFFER_RESTART_SECONDS
          ? OFFER_RESTART_SECONDS
          : Math.ceil(left / 60) * 60;
    if (lastAnnounced !== undefined && milestone !== lastAnnounced) {
      spoken.textContent =
        left === 0
          ? 'The session has expired. Start a fresh session to continue.'
          : left <= OFFER_RESTART_SECONDS
            ? `Less than a minute left to ${o.purpose}. You can start a fresh session.`
            : `About ${spokenDuration(milestone)} left to ${o.purpose}.`;
    }
    lastAnnounced = milestone;
  };
  tick();
  const interval = setInterval(tick, 1000);
  return { element, stop: () => clearInterval(interval) };
}
