import { PartnerbookError } from "../errors.js";

/** The answer of a {@link RateLimiter}. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAt: Date };

/** R11: decides whether one more search by `key` is allowed at `now`. Inject your own (e.g. Redis). */
export interface RateLimiter {
  /** Counts one search by `key` at `now` and says whether it may go ahead. */
  consume(key: string, now: Date): RateDecision | Promise<RateDecision>;
}

/** Options of {@link fixedWindowRateLimiter}. */
export interface FixedWindowOptions {
  /** Searches allowed per window: a positive integer. */
  readonly limit: number;
  /** Window length in milliseconds: a positive integer. */
  readonly windowMs: number;
}

/** R11: the default quota — 30 searches a minute per searcher. */
export const defaultSearchQuota: FixedWindowOptions = { limit: 30, windowMs: 60_000 };

/**
 * An in-process fixed-window limiter: windows start at multiples of `windowMs`, so a caller
 * is told exactly when the next window opens. Memory stays bounded by the searchers of the
 * current window: older windows are dropped when a new one opens.
 *
 * @example
 * const limiter = fixedWindowRateLimiter({ limit: 5, windowMs: 60_000 });
 */
export function fixedWindowRateLimiter(options: FixedWindowOptions = defaultSearchQuota): RateLimiter {
  for (const key of ["limit", "windowMs"] as const) {
    if (!Number.isSafeInteger(options[key]) || options[key] < 1) {
      throw new PartnerbookError("VALIDATION", `${key} must be a positive integer`, {
        issues: [{ path: [key], message: "must be a positive integer" }],
      });
    }
  }
  let currentStart = Number.NEGATIVE_INFINITY;
  let used = new Map<string, number>();
  return {
    consume(key, now) {
      const start = Math.floor(now.getTime() / options.windowMs) * options.windowMs;
      if (start !== currentStart) {
        // A clock moved backwards starts a fresh window too: never refuse on stale counts.
        currentStart = start;
        used = new Map();
      }
      const count = used.get(key) ?? 0;
      if (count >= options.limit) return { ok: false, retryAt: new Date(start + options.windowMs) };
      used.set(key, count + 1);
      return { ok: true };
    },
  };
}
