/**
 * The emulator's notion of "now". Tests move it instead of sleeping, so that
 * sessions, codes and tokens expire on demand.
 */
export interface EmulatorClock {
  now(): number;
  /** Moves time forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Pins time to `ms` since the epoch; it then moves only by advance/set. */
  set(ms: number): void;
}

/** Follows real time until `set` pins it; `advance` works in both modes. */
export function createClock(): EmulatorClock {
  let pinned: number | null = null;
  let offset = 0;
  return {
    now: () => pinned ?? Date.now() + offset,
    advance(ms) {
      if (pinned === null) offset += ms;
      else pinned += ms;
    },
    set(ms) {
      pinned = ms;
    },
  };
}
