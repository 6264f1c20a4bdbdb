/**
 * Polite live regions: one for toasts people see ("Copied — clears in 30 s"),
 * one visually hidden for announcements only screen readers need (new codes,
 * countdown warnings). Both must exist before their first message, or the first
 * message is not announced; main.ts installs them at start-up.
 */
import { h } from './dom';

let toastRegion: HTMLElement | undefined;
let announcer: HTMLElement | undefined;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

const TOAST_MS = 4000;

export function installLiveRegions(root: HTMLElement): void {
  toastRegion = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' });
  announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  root.append(toastRegion, announcer);
}

export function toast(message: string, tone: 'info' | 'error' = 'info'): void {
  if (!toastRegion) throw new Error('installLiveRegions() must run first');
  clearTimeout(toastTimer);
  const region = toastRegion;
  region.replaceChildren(h('div', { class: `toast ${tone}` }, message));
  toastTimer = setTimeout(() => region.replaceChildren(), TOAST_MS);
}

export function announce(message: string): void {
  if (!announcer) throw new Error('installLiveRegions() must run first');
  announcer.textContent = message;
}
