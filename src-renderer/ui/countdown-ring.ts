/**
 * The ring around a TOTP code's seconds left. It is a role="timer" (whose
 * implicit live setting is "off") so it can change every second without a
 * screen reader reading each tick; the vault announces the warnings itself.
 */
import { h, svg } from './dom';

export interface CountdownRing {
  readonly element: HTMLElement;
  update(secondsLeft: number, period: number): void;
}

/** From this many seconds left the ring changes colour and the next code shows. */
export const ENDING_SECONDS = 5;

// r = 100 / 2π: the circumference is 100, so dash lengths are percentages.
const R = 15.9155;

export function countdownRing(): CountdownRing {
  const progress = svg('circle', {
    class: 'ring-progress',
    cx: 18,
    cy: 18,
    r: R,
    'stroke-dasharray': '100 100',
    transform: 'rotate(-90 18 18)',
  });
  const label = h('span', { class: 'ring-seconds', 'aria-hidden': 'true' });
  const element = h(
    'span',
    { class: 'ring', role: 'timer' },
    svg(
      'svg',
      { viewBox: '0 0 36 36', 'aria-hidden': 'true', focusable: 'false' },
      svg('circle', { class: 'ring-track', cx: 18, cy: 18, r: R }),
      progress,
    ),
    label,
  );
  let shown = '';
  return {
    element,
    update(secondsLeft, period) {
      // Called several times a second for every row: touching the DOM only on a change keeps a long list smooth.
      const key = `${secondsLeft}/${period}`;
      if (key === shown) return;
      shown = key;
      const fraction = Math.max(0, Math.min(1, secondsLeft / period));
      progress.setAttribute('stroke-dasharray', `${(fraction * 100).toFixed(2)} 100`);
      label.textContent = String(secondsLeft);
      element.setAttribute(
        'aria-label',
        `${secondsLeft} ${secondsLeft === 1 ? 'second' : 'seconds'} left`,
      );
      element.classList.toggle('ending', secondsLeft <= ENDING_SECONDS);
    },
  };
}
