import { describe, expect, it } from "vitest";
import { createPartnerbook, type PartnerbookEvent, type PartnerbookOptions } from "../../src/index.js";
import { memoryStore, outboxMailer } from "../../src/memory.js";

// createPartnerbook checks what it is given when it is given it, and what listeners do after a
// step has happened never reaches the step's caller.

const secret = "options test: a fixed, public secret of 32+ characters";

const refusalOf = (options: unknown) => {
  try {
    createPartnerbook(options as PartnerbookOptions);
  } catch (error) {
    return error as { code: string; message: string; issues: readonly { path: readonly unknown[] }[] };
  }
  throw new Error("expected createPartnerbook to refuse");
};

describe("createPartnerbook checks its options at once", () => {
  it("refuses no options, no store and a store without transaction(), naming what is missing", () => {
    expect(refusalOf(undefined)).toMatchObject({ code: "VALIDATION", issues: [{ path: [] }] });
    expect(refusalOf({})).toMatchObject({ code: "VALIDATION", issues: [{ path: ["store"] }] });
    expect(refusalOf({}).message).toContain("store is required");
    expect(refusalOf({ store: {} }).message).toContain("store must have a transaction() method");
  });

  it("refuses ports of the wrong shape: a mailer, clock, id source or limiter without its methods", () => {
    const store = memoryStore();
    const cases: [Record<string, unknown>, string][] = [
      [
        { mailer: { send: 42 }, inviteBaseUrl: "https://app.example/invite" },
        "mailer must have a send() method",
      ],
      [{ clock: { now: new Date() } }, "clock must have a now() method"],
      [{ ids: { id: () => "x" } }, "ids must have a token() method"],
      [{ searchLimiter: "30/min" }, "searchLimiter must be an object"],
      [{ onListenerError: "log" }, "onListenerError must be a function"],
    ];
    for (const [options, message] of cases) {
      const refusal = refusalOf({ store, ...options });
      expect(refusal.code).toBe("VALIDATION");
      expect(refusal.message).toContain(message);
    }
  });

  it("R17, R18: a mailer needs the invite base URL — real mail must not carry placeholder links", () => {
    const refusal = refusalOf({ store: memoryStore(), mailer: outboxMailer(), secret });
    expect(refusal).toMatchObject({ code: "VALIDATION", issues: [{ path: ["inviteBaseUrl"] }] });
    expect(() =>
      createPartnerbook({
        store: memoryStore(),
        mailer: outboxMailer(),
        inviteBaseUrl: "https://app.example/i",
        secret,
      }),
    ).not.toThrow();
  });

  it("R20: a mailer needs the secret — queued mail is sealed with it", () => {
    const refusal = refusalOf({
      store: memoryStore(),
      mailer: outboxMailer(),
      inviteBaseUrl: "https://app.example/i",
    });
    expect(refusal).toMatchObject({ code: "VALIDATION", issues: [{ path: ["secret"] }] });
    expect(refusal.message).toContain("secret is required when a mailer is given");
  });

  it("R20: the secret is a string of 32 to 1000 characters, and a refused one is not echoed", () => {
    for (const bad of ["too short", "x".repeat(31), "x".repeat(1001), 42, null, { length: 40 }]) {
      const refusal = refusalOf({ store: memoryStore(), secret: bad });
      expect(refusal).toMatchObject({ code: "VALIDATION", issues: [{ path: ["secret"] }] });
      expect(refusal.message).toContain("secret must be a string of 32 to 1000 characters");
      if (typeof bad === "string") expect(JSON.stringify(refusal)).not.toContain(bad);
    }
    expect(() => createPartnerbook({ store: memoryStore(), secret: "x".repeat(32) })).not.toThrow();
    expect(() => createPartnerbook({ store: memoryStore(), secret: "x".repeat(1000) })).not.toThrow();
  });

  it("R17: the mail time zone must be one the runtime knows", () => {
    expect(refusalOf({ store: memoryStore(), mailTimeZone: "Mars/Olympus" })).toMatchObject({
      code: "VALIDATION",
    });
    expect(() => createPartnerbook({ store: memoryStore(), mailTimeZone: "Europe/Berlin" })).not.toThrow();
  });
});

describe("R35: listeners are isolated", () => {
  it("a listener that throws or rejects is reported to onListenerError; the step and the other listeners go on", async () => {
    const reported: [unknown, string][] = [];
    const book = createPartnerbook({
      store: memoryStore(),
      onListenerError: (error, event) => reported.push([error, event.type]),
    });
    const heard: PartnerbookEvent[] = [];
    const thrown = new Error("listener threw");
    const rejected = new Error("listener rejected");
    book.events.subscribe(() => {
      throw thrown;
    });
    book.events.subscribe(async () => {
      throw rejected;
    });
    book.events.subscribe((event) => heard.push(event));
    const created = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "sato@acme", displayName: "佐藤" },
    });
    expect(created.organisation.name).toBe("Acme");
    expect(heard.map((event) => event.type)).toEqual(["organisation_created", "member_created"]);
    // The rejection is caught on a later tick; wait for it without a timer.
    await new Promise((resolve) => setImmediate(resolve));
    // Throws are reported as they happen, rejections once they settle.
    expect(reported).toEqual([
      [thrown, "organisation_created"],
      [thrown, "member_created"],
      [rejected, "organisation_created"],
      [rejected, "member_created"],
    ]);
  });

  it("a hook that throws itself changes nothing either", async () => {
    const book = createPartnerbook({
      store: memoryStore(),
      onListenerError: () => {
        throw new Error("hook failed");
      },
    });
    book.events.subscribe(async () => {
      throw new Error("listener rejected");
    });
    const created = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "a@acme", displayName: "A" },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(created.admin.worksId).toBe("a@acme");
  });
});
