// One process, both builds of partnerbook: an app that imports it (ESM) beside a dependency that
// requires it (CommonJS) loads two copies, each with its own PartnerbookError class. An error
// thrown by either copy must still be recognised by the other. Run by scripts/check-consumers.mjs
// against the package it installed in ./node_modules.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";

const cjs = createRequire(import.meta.url)("partnerbook");
const cjsMemory = createRequire(import.meta.url)("partnerbook/memory");
const esm = await import("partnerbook");
const esmMemory = await import("partnerbook/memory");

const refusalOf = async (promise) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a refusal");
};

describe("errors across the CommonJS and ESM copies of partnerbook", () => {
  it("the two builds are two copies, with two classes", () => {
    assert.notEqual(cjs.PartnerbookError, esm.PartnerbookError);
  });

  for (const [thrower, reader, from, to] of [
    [cjs, esm, "CommonJS", "ESM"],
    [esm, cjs, "ESM", "CommonJS"],
  ]) {
    it(`an error thrown by the ${from} copy is a PartnerbookError to the ${to} copy`, async () => {
      const book = thrower.createPartnerbook({
        store: (thrower === cjs ? cjsMemory : esmMemory).memoryStore(),
      });
      const error = await refusalOf(book.contacts.list("mem_nobody"));
      assert.equal(error instanceof thrower.PartnerbookError, true);
      assert.equal(error instanceof reader.PartnerbookError, true);
      assert.equal(reader.isPartnerbookError(error), true);
      assert.equal(reader.isPartnerbookError(error, "UNKNOWN_ACTOR"), true);
      assert.equal(reader.isPartnerbookError(error, "NOT_FOUND"), false);
    });
  }

  it("a store of the CommonJS copy refusing inside a book of the ESM copy: one recognisable error", async () => {
    // Every id the same: the second organisation's insert is refused by the store itself.
    const ids = { id: (kind) => `${kind}_1`, token: () => "t".repeat(32) };
    const book = esm.createPartnerbook({ store: cjsMemory.memoryStore(), ids });
    await book.organisations.create({ name: "Acme", admin: { worksId: "sato@acme", displayName: "Sato" } });
    const error = await refusalOf(
      book.organisations.create({ name: "Globex", admin: { worksId: "lee@globex", displayName: "Lee" } }),
    );
    assert.equal(error.constructor, cjs.PartnerbookError, "the CommonJS store's own refusal");
    for (const copy of [esm, cjs]) {
      assert.equal(copy.isPartnerbookError(error, "CONFLICT"), true);
      assert.equal(error instanceof copy.PartnerbookError, true);
    }
  });

  it("neither copy takes a plain Error, or an object that only looks like one, for a PartnerbookError", () => {
    for (const copy of [esm, cjs]) {
      assert.equal(copy.isPartnerbookError(new Error("x")), false);
      assert.equal(copy.isPartnerbookError({ name: "PartnerbookError", code: "CONFLICT" }), false);
      assert.equal(new Error("x") instanceof copy.PartnerbookError, false);
    }
  });
});
