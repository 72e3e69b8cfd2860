import { describe, expect, it } from "vitest";
import { ownCopy, withOwnCopies } from "../../src/app/own-copy.js";

class StampedDate extends Date {}

describe("ownCopy", () => {
  it("copies objects, arrays and Dates deeply, unfrozen; a Date subclass becomes a plain Date", () => {
    const at = Object.freeze(new StampedDate(Date.UTC(2026, 3, 1)));
    const record = Object.freeze({ at, list: Object.freeze([Object.freeze({ at })]) });
    const copy = ownCopy(record);
    expect(copy).toEqual({ at: new Date(at.getTime()), list: [{ at: new Date(at.getTime()) }] });
    for (const part of [copy, copy.at, copy.list, copy.list[0]]) expect(Object.isFrozen(part)).toBe(false);
    expect(Object.getPrototypeOf(copy.at)).toBe(Date.prototype);
    expect(copy.list[0]?.at).not.toBe(copy.at);
  });

  it("keeps an own __proto__ key a key, not the copy's prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}') as Record<string, unknown>;
    const copy = ownCopy(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "name"]);
    expect((copy as { admin?: unknown }).admin).toBeUndefined();
  });

  it("leaves strings, numbers, null and functions as they are", () => {
    const stop = () => true;
    for (const value of ["a", 1, null, undefined, stop]) expect(ownCopy(value)).toBe(value);
  });
});

describe("withOwnCopies", () => {
  it("answers a copy from each method, whether it answers at once or by a promise", async () => {
    const shared = Object.freeze({ n: 1 });
    const area = withOwnCopies({ now: () => shared, later: async () => shared, stop: () => () => true });
    expect(area.now()).not.toBe(shared);
    expect(Object.isFrozen(await area.later())).toBe(false);
    expect(await area.later()).toEqual(shared);
    expect(area.stop()()).toBe(true);
  });
});
