import { describe, expect, it } from "vitest";
import { createPartnerbook, isPartnerbookError, PartnerbookError } from "../src/index.js";
import { memoryStore } from "../src/memory.js";

describe("PartnerbookError", () => {
  it("is recognised by code, and nothing else is", () => {
    const error = new PartnerbookError("RATE_LIMITED", "slow down", { retryAt: new Date(0) });
    expect(isPartnerbookError(error)).toBe(true);
    expect(isPartnerbookError(error, "RATE_LIMITED")).toBe(true);
    expect(isPartnerbookError(error, "CONFLICT")).toBe(false);
    expect(isPartnerbookError(new Error("x"))).toBe(false);
    expect(isPartnerbookError({ code: "RATE_LIMITED" })).toBe(false);
  });

  it("is recognised when another copy of partnerbook threw it (its other module format, another version)", () => {
    // Another copy has its own class; what the copies share is the registered brand.
    class OtherCopysError extends Error {
      readonly code = "CONFLICT";
    }
    Object.defineProperty(OtherCopysError.prototype, Symbol.for("partnerbook.error"), { value: true });
    const error: unknown = new OtherCopysError("stale");
    expect(error instanceof PartnerbookError).toBe(true);
    expect(isPartnerbookError(error, "CONFLICT")).toBe(true);
    expect(isPartnerbookError(error, "NOT_FOUND")).toBe(false);
    expect(new Error("x") instanceof PartnerbookError).toBe(false);
    expect(Object.create(null) instanceof PartnerbookError).toBe(false);
  });

  it("a subclass keeps the ordinary instanceof: it is not widened to every PartnerbookError", () => {
    class StoreError extends PartnerbookError {}
    const own = new StoreError("CONFLICT", "taken");
    expect(own instanceof StoreError).toBe(true);
    expect(own instanceof PartnerbookError).toBe(true);
    expect(isPartnerbookError(own, "CONFLICT")).toBe(true);
    expect(new PartnerbookError("CONFLICT", "taken") instanceof StoreError).toBe(false);
  });

  it("serialises its code, message and details", () => {
    const error = new PartnerbookError("VALIDATION", "invalid", { issues: [{ path: ["a"], message: "m" }] });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "PartnerbookError",
      code: "VALIDATION",
      message: "invalid",
      details: { issues: [{ path: ["a"], message: "m" }] },
    });
    expect(error.issues).toEqual([{ path: ["a"], message: "m" }]);
    expect(new PartnerbookError("CONFLICT", "c").issues).toEqual([]);
  });

  it("R8: an unknown default region is refused when the book is created", () => {
    expect(() => createPartnerbook({ store: memoryStore(), defaultRegion: "XX" as never })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
  });
});

describe("events.subscribe", () => {
  it("R35: a listener that is not a function is refused at once, not failed on every event", () => {
    const book = createPartnerbook({ store: memoryStore() });
    expect(() => book.events.subscribe(42 as never)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});
