import { describe, expect, it } from "vitest";
import { manualClock, randomIds, sequentialIds, systemClock } from "../../src/index.js";

describe("randomIds", () => {
  it("gives prefixed ids that do not repeat", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomIds.id("contact")));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^con_[A-Za-z0-9_-]{21}$/);
  });

  it("draws on all 64 URL-safe symbols (126 random bits per id)", () => {
    const symbols = new Set(Array.from({ length: 1000 }, () => randomIds.id("member").slice(4)).join(""));
    expect(symbols.size).toBe(64);
  });

  it("R20: tokens carry at least 128 bits and are URL-safe", () => {
    const token = randomIds.token();
    // 64 symbols = 6 bits each.
    expect(token.length * 6).toBeGreaterThanOrEqual(128);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(randomIds.token()).not.toBe(token);
  });
});

describe("sequentialIds", () => {
  it("counts up across kinds, for reproducible tests", () => {
    const ids = sequentialIds();
    expect([ids.id("organisation"), ids.id("member"), ids.id("event"), ids.token()]).toEqual([
      "org_1",
      "mem_2",
      "evt_3",
      "token00000000004",
    ]);
  });
});

describe("clocks", () => {
  it("the manual clock moves only when told", () => {
    const clock = manualClock(new Date("2026-04-01T00:00:00.000Z"));
    expect(clock.now().toISOString()).toBe("2026-04-01T00:00:00.000Z");
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe("2026-04-02T00:00:00.000Z");
    clock.set(new Date("2027-01-01T00:00:00.000Z"));
    expect(clock.now().toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("the system clock reads the machine's time", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
