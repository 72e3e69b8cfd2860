import { describe, expect, it } from "vitest";
import { createPartnerbook } from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";

// Values that break a validator's own checks — an object posing as a string, whose `length`
// cannot even be compared — are bad input like any other: VALIDATION, never a TypeError.
const posers: unknown[] = [
  { length: [Object.create(null)] },
  { length: Object.create(null) },
  {
    length: {
      valueOf: () => {
        throw new Error("valueOf");
      },
    },
  },
];

describe("inputs that break the checks themselves", () => {
  it("are refused with VALIDATION at every kind of argument (id, text, options), and change nothing", async () => {
    const store = memoryStore();
    const book = createPartnerbook({ store });
    const { admin } = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "a@acme", displayName: "A" },
    });
    const before = store.snapshot();
    for (const poser of posers) {
      const calls: (() => Promise<unknown>)[] = [
        () => book.trash.restore(poser as never, "con_1" as never),
        () => book.trash.restore(admin.id, poser as never),
        () => book.search.byWorksId(admin.id, poser as never),
        () => book.contacts.addCustomer(admin.id, { familyName: poser } as never),
        () => book.contacts.list(admin.id, { query: poser } as never),
      ];
      for (const call of calls)
        await expect(call()).rejects.toMatchObject({ name: "PartnerbookError", code: "VALIDATION" });
    }
    expect(store.snapshot()).toEqual(before);
  });
});
