import { describe, expect, it } from "vitest";
import { defaultSearchQuota, fixedWindowRateLimiter, type RateLimiter } from "../../src/index.js";

const minute = 60_000;
const windowStart = new Date("2026-04-01T00:00:00.000Z");
const at = (ms: number) => new Date(windowStart.getTime() + ms);

/** `RateLimiter.consume` may answer now or later; the tests always await it. */
const attempt = async (limiter: RateLimiter, key: string, ms: number) => limiter.consume(key, at(ms));
const allowed = async (limiter: RateLimiter, key: string, ms: number) => (await attempt(limiter, key, ms)).ok;

describe("fixedWindowRateLimiter", () => {
  it("R11: allows `limit` attempts per key in one window and refuses the next", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 3, windowMs: minute });
    for (const ms of [1, 2, 3]) expect(await attempt(limiter, "sato", ms)).toEqual({ ok: true });
    expect(await allowed(limiter, "sato", 4)).toBe(false);
  });

  it("R11: a refusal says the retry time is the end of the current window", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    await attempt(limiter, "sato", 10_000);
    expect(await attempt(limiter, "sato", 45_000)).toEqual({ ok: false, retryAt: at(minute) });
  });

  it("R11: windows start at multiples of the window length, not at the first attempt", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    await attempt(limiter, "sato", 90_000);
    expect(await attempt(limiter, "sato", 100_000)).toEqual({ ok: false, retryAt: at(2 * minute) });
  });

  it("R11: the quota comes back in full exactly when the next window opens", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 2, windowMs: minute });
    await attempt(limiter, "sato", 0);
    await attempt(limiter, "sato", 1);
    expect(await allowed(limiter, "sato", minute - 1)).toBe(false);
    expect(await allowed(limiter, "sato", minute)).toBe(true);
    expect(await allowed(limiter, "sato", minute + 1)).toBe(true);
    expect(await allowed(limiter, "sato", minute + 2)).toBe(false);
  });

  it("R11: refused attempts do not count against the next window", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    await attempt(limiter, "sato", 0);
    for (let ms = 1; ms <= 10; ms++) expect(await allowed(limiter, "sato", ms)).toBe(false);
    expect(await allowed(limiter, "sato", minute)).toBe(true);
  });

  it("R11: each key has its own quota", async () => {
    const limiter = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    expect(await allowed(limiter, "sato", 0)).toBe(true);
    expect(await allowed(limiter, "sato", 1)).toBe(false);
    expect(await allowed(limiter, "lee", 2)).toBe(true);
    expect(await allowed(limiter, "lee", 3)).toBe(false);
  });

  it("R11: two limiters do not share counts", async () => {
    const first = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    const second = fixedWindowRateLimiter({ limit: 1, windowMs: minute });
    await attempt(first, "sato", 0);
    expect(await allowed(second, "sato", 0)).toBe(true);
  });

  it("R11: the default quota is 30 searches a minute", async () => {
    expect(defaultSearchQuota).toEqual({ limit: 30, windowMs: minute });
    const limiter = fixedWindowRateLimiter();
    for (let ms = 0; ms < 30; ms++) expect(await allowed(limiter, "sato", ms)).toBe(true);
    expect(await attempt(limiter, "sato", 30)).toEqual({ ok: false, retryAt: at(minute) });
  });
});

describe("fixedWindowRateLimiter options", () => {
  it.each([
    { limit: 0, windowMs: 60_000 },
    { limit: Number.NaN, windowMs: 60_000 },
    { limit: 1.5, windowMs: 60_000 },
    { limit: 3, windowMs: 0 },
    { limit: 3, windowMs: -1 },
  ])("R11: a quota that would switch limiting off is refused: %o", (options) => {
    expect(() => fixedWindowRateLimiter(options)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("R11: a new window starts every searcher afresh, even after the clock moved back", () => {
    const limiter = fixedWindowRateLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.consume("a", new Date(5_000))).toEqual({ ok: true });
    expect(limiter.consume("a", new Date(5_500))).toEqual({ ok: false, retryAt: new Date(6_000) });
    expect(limiter.consume("a", new Date(4_000))).toEqual({ ok: true });
  });
});
