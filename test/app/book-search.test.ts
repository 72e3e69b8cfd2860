import { describe, expect, it } from "vitest";
import { aWorld, twoLinkableMembers } from "../support/builders.js";
import { aBookWithColleagues, aCustomer, allIds, idsOn } from "./book-world.js";

describe("R28: searching the book", () => {
  async function aSearchableBook() {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const yamada = await aCustomer(world, sato.id, {
      familyName: "山田",
      givenName: "太郎",
      familyNameReading: "ヤマダ",
      givenNameReading: "タロウ",
      department: "営業部",
      memo: "ゴルフが好き",
      company: "Acme Trading",
    });
    const ito = await aCustomer(world, sato.id, {
      familyName: "伊藤",
      familyNameReading: "いとう",
      company: "株式会社アクメ",
    });
    const linked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    return { world, sato, yamada, ito, linked };
  }

  it.each(["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "ﾔﾏﾀﾞﾀﾛｳ", "やまだ たろう"])(
    "R28: the query %s finds the contact read ヤマダ",
    async (query) => {
      const { world, sato, yamada } = await aSearchableBook();
      expect(await idsOn(world, sato.id, { query })).toEqual([yamada.id]);
    },
  );

  it("R28: full-width and case fold together (ＡＣＭＥ = acme = Acme)", async () => {
    const { world, sato, yamada } = await aSearchableBook();
    for (const query of ["ＡＣＭＥ", "acme", "Acme", "ACME tRaDiNg"]) {
      expect(await idsOn(world, sato.id, { query })).toEqual([yamada.id]);
    }
  });

  it("R28: ㈱ finds 株式会社", async () => {
    const { world, sato, ito } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "㈱アクメ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "(株)ｱｸﾒ" })).toEqual([ito.id]);
  });

  it("R28: the query matches names, readings, company, department and memo", async () => {
    const { world, sato, yamada, ito } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "山田太郎" })).toEqual([yamada.id]);
    expect(await idsOn(world, sato.id, { query: "イトウ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "アクメ" })).toEqual([ito.id]);
    expect(await idsOn(world, sato.id, { query: "営業" })).toEqual([yamada.id]);
    expect(await idsOn(world, sato.id, { query: "ｺﾞﾙﾌ" })).toEqual([yamada.id]);
  });

  it("R28: a linked contact is found by its synced company", async () => {
    const { world, sato, linked } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "globex" })).toEqual([linked.id]);
  });

  it("R28: a query never matches across two fields", async () => {
    const { world, sato } = await aSearchableBook();
    for (const query of ["営業部ゴルフ", "部ゴ", "tradingえいぎょう", "たろうacme"]) {
      expect(await idsOn(world, sato.id, { query })).toEqual([]);
    }
  });

  it("R28: a search still respects the tab and what the viewer may see", async () => {
    const book = await aBookWithColleagues();
    expect(await idsOn(book.world, book.sato.id, { query: "秘密" })).toEqual([]);
    expect(await idsOn(book.world, book.sato.id, { query: "伊藤" })).toEqual([book.forEveryone.id]);
    expect(await idsOn(book.world, book.sato.id, { query: "伊藤", tab: "external" })).toEqual([]);
  });

  it("R28: an empty query lists everything", async () => {
    const { world, sato } = await aSearchableBook();
    expect(await idsOn(world, sato.id, { query: "" })).toHaveLength(3);
    expect(await idsOn(world, sato.id, { query: "　 " })).toHaveLength(3);
  });

  it("R28: search results page with cursors too", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const hits = [];
    for (let i = 0; i < 5; i++) {
      hits.push(await aCustomer(world, sato.id, { familyName: `山田${i}`, familyNameReading: `やまだ${i}` }));
      await aCustomer(world, sato.id, { familyName: `田中${i}`, familyNameReading: `たなか${i}` });
    }
    expect(await allIds(world, sato.id, { query: "ヤマダ", limit: 2 })).toEqual(hits.map((c) => c.id));
  });
});
