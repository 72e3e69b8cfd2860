import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/index.js";
import { aWorld, twoLinkableMembers } from "../support/builders.js";
import { aCustomer, idsOn } from "./book-world.js";

describe("R26: order", () => {
  it("R26: contacts come in gojūon order of their readings (い, さ, や), whatever the order they were added in", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const yamada = await aCustomer(world, sato.id, { familyName: "山田", familyNameReading: "やまだ" });
    const sato2 = await aCustomer(world, sato.id, { familyName: "佐藤", familyNameReading: "サトウ" });
    const ito = await aCustomer(world, sato.id, { familyName: "伊藤", familyNameReading: "ｲﾄｳ" });
    expect(await idsOn(world, sato.id)).toEqual([ito.id, sato2.id, yamada.id]);
  });

  it("R26: a contact without a reading sorts by its name, folded", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const zed = await aCustomer(world, sato.id, { familyName: "Zed" });
    const kana = await aCustomer(world, sato.id, { familyName: "漢字", familyNameReading: "かんじ" });
    const alpha = await aCustomer(world, sato.id, { familyName: "ＡＬＰＨＡ" });
    const bravo = await aCustomer(world, sato.id, { familyName: "bravo" });
    expect(await idsOn(world, sato.id)).toEqual([alpha.id, bravo.id, zed.id, kana.id]);
  });

  it("R26: contacts with the same reading in different scripts come together, then by id", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const made: Contact[] = [];
    for (const reading of ["ヤマダ", "いとう", "やまだ", "ﾔﾏﾀﾞ"]) {
      made.push(await aCustomer(world, sato.id, { familyName: "山田", familyNameReading: reading }));
    }
    const [ito, ...yamadas] = [made[1], made[0], made[2], made[3]] as Contact[];
    const byId = yamadas.map((contact) => contact.id).sort();
    expect(await idsOn(world, sato.id)).toEqual([ito?.id, ...byId]);
  });

  it("R26: editing a reading moves the contact to its new place", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const a = await aCustomer(world, sato.id, { familyName: "A", familyNameReading: "あ" });
    const b = await aCustomer(world, sato.id, { familyName: "B", familyNameReading: "い" });
    await world.book.contacts.edit(
      sato.id,
      a.id,
      { familyNameReading: "う" },
      { expectedVersion: a.version },
    );
    expect(await idsOn(world, sato.id)).toEqual([b.id, a.id]);
  });
});
