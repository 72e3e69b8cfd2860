import { describe, expect, it } from "vitest";
import { createPartnerbook, manualClock, sequentialIds } from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { aMember, anOrganisation, start, type World } from "../support/builders.js";
import { aScene, leesPhone } from "./search-world.js";

describe("search by works ID", () => {
  it("R7: a member is found by their exact works ID", async () => {
    const { world, sato, lee } = await aScene();
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it.each([
    ["upper case", (id: string) => id.toUpperCase()],
    ["mixed case", (id: string) => id.replace(/^./, (c) => c.toUpperCase())],
    ["surrounding spaces", (id: string) => `  ${id}  `],
    ["tabs and newlines", (id: string) => `\t${id}\n`],
  ])("R7: a works ID typed with %s still finds the member", async (_how, typed) => {
    const { world, sato, lee } = await aScene();
    const cards = await world.book.search.byWorksId(sato.id, typed(lee.worksId));
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R7: a works ID registered in mixed case is found in lower case", async () => {
    const { world, sato, globex } = await aScene();
    const target = await aMember(world, globex, { worksId: "Tanaka.Ken@Globex" });
    const cards = await world.book.search.byWorksId(sato.id, "tanaka.ken@globex");
    expect(cards.map((card) => card.memberId)).toEqual([target.id]);
  });

  it.each(["tanaka", "tanaka.ken", "globex", "tanaka.ken@globe", "anaka.ken@globex", "tanaka.ken@globex.jp"])(
    "R7: the partial or extended ID %s finds nobody",
    async (partial) => {
      const { world, sato, globex } = await aScene();
      await aMember(world, globex, { worksId: "tanaka.ken@globex" });
      expect(await world.book.search.byWorksId(sato.id, partial)).toEqual([]);
    },
  );

  it("R8: the phone-search setting does not hide a member from search by works ID", async () => {
    const { world, sato, lee } = await aScene();
    expect(lee.allowSearchByPhone).toBe(false);
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });
});

describe("search by phone", () => {
  it("R8: a member is not found by phone until they allow it", async () => {
    const { world, sato, lee } = await aScene();
    expect(lee.allowSearchByPhone).toBe(false);
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);

    await world.book.members.setPhoneSearch(lee.id, true);
    const cards = await world.book.search.byPhone(sato.id, leesPhone);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R8: phone search is off for a member created without saying otherwise", async () => {
    const { world, sato, globex } = await aScene();
    const member = await aMember(world, globex, { mobilePhone: "070-1111-2222" });
    expect(member.allowSearchByPhone).toBe(false);
    expect(await world.book.search.byPhone(sato.id, "070-1111-2222")).toEqual([]);
  });

  it("R8: a member who turns phone search off again is no longer found", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.setPhoneSearch(lee.id, false);
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
  });

  it("R8: a member who allows phone search but has no mobile number is not found", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.updateProfile(lee.id, { mobilePhone: null });
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
  });

  it("R8: a member who changes their number is found under the new one only", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.updateProfile(lee.id, { mobilePhone: "080-9876-5432" });
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
    const cards = await world.book.search.byPhone(sato.id, "08098765432");
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it.each([
    "090-1234-5678",
    "09012345678",
    "090 1234 5678",
    "０９０−１２３４−５６７８",
    "+819012345678",
    "+81 90 1234 5678",
    "  (090) 1234-5678 ",
  ])("R8: the number typed as %s finds the member", async (typed) => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    const cards = await world.book.search.byPhone(sato.id, typed);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R8: every member sharing the number is found, but only those who allow it", async () => {
    const { world, sato, globex, lee } = await aScene();
    const initech = await anOrganisation(world, { name: "Initech" });
    const shared = await aMember(world, initech, { mobilePhone: "090-1234-5678" });
    await aMember(world, globex, { mobilePhone: "090-1234-5678" });
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.setPhoneSearch(shared.id, true);
    const cards = await world.book.search.byPhone(sato.id, leesPhone);
    expect(cards.map((card) => card.memberId).sort()).toEqual([lee.id, shared.id].sort());
  });

  it("R8: the default region for numbers without + is configurable", async () => {
    const world: World = (() => {
      const store = memoryStore();
      const clock = manualClock(start);
      const book = createPartnerbook({ store, clock, ids: sequentialIds(), defaultRegion: "US" });
      return { book, store, clock };
    })();
    const searcher = await aMember(world, await anOrganisation(world));
    const target = await aMember(world, await anOrganisation(world), { mobilePhone: "(415) 555-2671" });
    await world.book.members.setPhoneSearch(target.id, true);
    expect(target.mobilePhone?.e164).toBe("+14155552671");
    for (const typed of ["415-555-2671", "+1 415 555 2671"]) {
      const cards = await world.book.search.byPhone(searcher.id, typed);
      expect(cards.map((card) => card.memberId)).toEqual([target.id]);
    }
    expect(await world.book.search.byPhone(searcher.id, "+81 415 555 2671")).toEqual([]);
  });
});
