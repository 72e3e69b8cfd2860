/** Where partnerbook reads the time. Inject one to test every day-boundary exactly. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: for tests and examples that cross day boundaries. */
export interface ManualClock extends Clock {
  /** Moves the clock to `instant`. */
  set(instant: Date): void;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * A {@link ManualClock} starting at `start`.
 *
 * @example
 * const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
 * clock.advance(29 * 24 * 60 * 60 * 1000);
 */
export function manualClock(start: Date): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (instant) => {
      now = instant.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
