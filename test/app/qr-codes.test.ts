import { describe, expect, it } from "vitest";
import { hashToken } from "../../src/app/tokens.js";
import { createPartnerbook, manualClock, randomIds } from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import {
  aMember,
  anOrganisation,
  aWorld,
  start,
  testSecret,
  twoLinkableMembers,
} from "../support/builders.js";

// R13, R20: "My QR" shows the same code every time, yet the store keeps only its generation and
// its token's hash: the token is derived from the app's secret each time it is shown.

const issuedEvents = (store: MemoryStore) =>
  store.snapshot().events.filter((event) => event.type === "qr_code_issued");

/** A book on `store` with `secret` and random ids, so several books can share one store. */
const aBookOn = (store: MemoryStore, secret: string) =>
  createPartnerbook({ store, clock: manualClock(start), ids: randomIds, secret });

describe("R13, R20: My QR", () => {
  it("R13: My QR shows the same code each time and nothing but its hash is stored", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await world.book.qrCodes.mine(lee.id)).token).toBe(token);
    expect((await world.book.qrCodes.mine(lee.id)).token).toBe(token);
    const snapshot = world.store.snapshot();
    expect(snapshot.qrCodes).toEqual([
      { memberId: lee.id, generation: 1, tokenHash: await hashToken(token) },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(token);
    // Shown three times, issued once.
    expect(issuedEvents(world.store)).toHaveLength(1);
  });

  it("R13: re-issuing invalidates the old code at once, and the new one is shown from then on", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const other = await aMember(world, await anOrganisation(world));
    const old = (await world.book.qrCodes.mine(lee.id)).token;
    const renewed = (await world.book.qrCodes.reissue(lee.id)).token;
    expect(renewed).not.toBe(old);
    expect((await world.book.qrCodes.mine(lee.id)).token).toBe(renewed);
    await expect(world.book.contacts.addFromQr(sato.id, old)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await world.book.contacts.addFromQr(other.id, renewed)).toMatchObject({
      status: "added",
      contact: { targetMemberId: lee.id },
    });
    expect(world.store.snapshot().qrCodes).toEqual([
      { memberId: lee.id, generation: 2, tokenHash: await hashToken(renewed) },
    ]);
    expect(issuedEvents(world.store)).toHaveLength(2);
  });

  it("R13, R20: a rotated secret re-issues the code the next time it is shown; until then the old code still adds", async () => {
    const store = memoryStore();
    const before = aBookOn(store, "the secret before rotation, 32+ characters");
    const acme = await before.organisations.create({
      name: "Acme",
      admin: { worksId: "sato", displayName: "佐藤" },
    });
    const globex = await before.organisations.create({
      name: "Globex",
      admin: { worksId: "lee", displayName: "Lee" },
    });
    const kim = await before.members.create(globex.admin.id, { worksId: "kim", displayName: "Kim" });
    const lee = globex.admin.id;
    const printed = (await before.qrCodes.mine(lee)).token;

    const after = aBookOn(store, testSecret);
    // Not shown yet under the new secret: the printed code is what is stored, and it works.
    expect(await after.contacts.addFromQr(acme.admin.id, printed)).toMatchObject({ status: "added" });
    const shown = (await after.qrCodes.mine(lee)).token;
    expect(shown).not.toBe(printed);
    expect((await after.qrCodes.mine(lee)).token).toBe(shown);
    expect(store.snapshot().qrCodes).toEqual([
      { memberId: lee, generation: 2, tokenHash: await hashToken(shown) },
    ]);
    expect(issuedEvents(store)).toHaveLength(2);
    const suzuki = await after.members.create(acme.admin.id, { worksId: "suzuki", displayName: "鈴木" });
    await expect(after.contacts.addFromQr(suzuki.id, printed)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await after.contacts.addFromQr(suzuki.id, shown)).toMatchObject({ status: "added" });
    // The member in the other company is untouched by all this.
    expect(store.snapshot().qrCodes.map((code) => code.memberId)).not.toContain(kim.id);
  });

  it("R13, R20: a code stored before codes were derived (generation 0, a plain token's hash) adds until the code is next shown", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const plain = "V1StGXR8_Z5jdHi6B-myTq3xK9pLm2Nw";
    await world.store.transaction(async (tx) =>
      tx.qrCodes.set(lee.id, { generation: 0, tokenHash: await hashToken(plain) }),
    );
    const shown = (await world.book.qrCodes.mine(lee.id)).token;
    expect(shown).not.toBe(plain);
    expect(world.store.snapshot().qrCodes).toEqual([
      { memberId: lee.id, generation: 1, tokenHash: await hashToken(shown) },
    ]);
    await expect(world.book.contacts.addFromQr(sato.id, plain)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await world.book.contacts.addFromQr(sato.id, shown)).toMatchObject({ status: "added" });
  });

  it("R20: without a secret, qrCodes.mine and reissue are NOT_CONFIGURED and store nothing", async () => {
    const store = memoryStore();
    const book = createPartnerbook({ store, clock: manualClock(start) });
    const { admin } = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "a", displayName: "A" },
    });
    for (const call of [book.qrCodes.mine(admin.id), book.qrCodes.reissue(admin.id)]) {
      await expect(call).rejects.toMatchObject({
        code: "NOT_CONFIGURED",
        message: "QR codes need `secret` in createPartnerbook",
      });
    }
    expect(store.snapshot().qrCodes).toEqual([]);
    expect(issuedEvents(store)).toEqual([]);
  });

  it("R13: two books with the same secret (two processes of one deployment) show the same code", async () => {
    const store = memoryStore();
    const one = aBookOn(store, testSecret);
    const two = aBookOn(store, testSecret);
    const { admin } = await one.organisations.create({
      name: "Acme",
      admin: { worksId: "a", displayName: "A" },
    });
    const { token } = await one.qrCodes.mine(admin.id);
    expect((await two.qrCodes.mine(admin.id)).token).toBe(token);
    expect(issuedEvents(store)).toHaveLength(1);
  });
});
