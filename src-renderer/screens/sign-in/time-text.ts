/** Times as people read them: "2:41" left, "14:05", "in 59 min", "3 days ago". */

/** Whole seconds left until `at`, never negative. */
export function secondsUntil(at: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** 161 → "2:41". */
export function minutesSeconds(totalSeconds: number): string {
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** 161 → "2 minutes 41 seconds", for screen readers. */
export function spokenDuration(totalSeconds: number): string {
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  const part = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (m === 0) return part(s, 'second');
  return s === 0 ? part(m, 'minute') : `${part(m, 'minute')} ${part(s, 'second')}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function clockTime(at: number): string {
  return timeFormat.format(at);
}

export function dateTime(at: number): string {
  return dateTimeFormat.format(at);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "in 59 minutes", "3 days ago": the largest unit that fits. */
export function relativeTime(at: number, now = Date.now()): string {
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  // Seconds would tick out of date at once; under a minute is "just now" (or "in a moment").
  if (abs < 60) return seconds <= 0 ? 'just now' : 'in a moment';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}
