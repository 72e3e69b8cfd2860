/** The answer of a {@link RateLimiter}. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAt: Date };

/** R11: decides whether one more search by `key` is allowed at `now`. Inject your own (e.g. Redis). */
export interface RateLimiter {
  consume(key: string, now: Date): RateDecision | Promise<RateDecision>;
}

/** Options of {@link fixedWindowRateLimiter}. */
export interface FixedWindowOptions {
  /** Searches allowed per window. */
  readonly limit: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/** R11: the default quota — 30 searches a minute per searcher. */
export const defaultSearchQuota: FixedWindowOptions = { limit: 30, windowMs: 60_000 };

/**
 * An in-process fixed-window limiter: windows start at multiples of `windowMs`, so a caller
 * is told exactly when the next window opens.
 *
 * @example
 * const limiter = fixedWindowRateLimiter({ limit: 5, windowMs: 60_000 });
 */
export function fixedWindowRateLimiter(options: FixedWindowOptions = defaultSearchQuota): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    consume(key, now) {
      const start = Math.floor(now.getTime() / options.windowMs) * options.windowMs;
      const current = windows.get(key);
      const window = current !== undefined && current.start === start ? current : { start, used: 0 };
      if (window.used >= options.limit) {
        return { ok: false, retryAt: new Date(start + options.windowMs) };
      }
      window.used += 1;
      windows.set(key, window);
      return { ok: true };
    },
  };
}
