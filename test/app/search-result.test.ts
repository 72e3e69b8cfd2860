import { describe, expect, it } from "vitest";
import { aMember } from "../support/builders.js";
import { aScene, type Way } from "./search-world.js";

describe("the search result", () => {
  async function aCardOfTanaka() {
    const { world, sato, globex } = await aScene();
    const target = await aMember(world, globex, {
      worksId: "tanaka@globex",
      displayName: "田中 健",
      nickname: "Ken",
      photoUrl: "https://example.com/tanaka.png",
      email: "tanaka@globex.example",
      mobilePhone: "070-3333-4444",
    });
    await world.book.members.setPhoneSearch(target.id, true);
    return { world, sato, globex, target };
  }

  it.each<Way>(["works ID", "phone"])("R9: a search by %s returns exactly the profile card", async (way) => {
    const { world, sato, target } = await aCardOfTanaka();
    const cards =
      way === "works ID"
        ? await world.book.search.byWorksId(sato.id, "tanaka@globex")
        : await world.book.search.byPhone(sato.id, "070-3333-4444");
    expect(cards).toEqual([
      {
        memberId: target.id,
        displayName: "田中 健",
        nickname: "Ken",
        company: "Globex",
        photoUrl: "https://example.com/tanaka.png",
      },
    ]);
    expect(Object.keys(cards[0] ?? {}).sort()).toEqual([
      "company",
      "displayName",
      "memberId",
      "nickname",
      "photoUrl",
    ]);
  });

  it("R9: the card never carries the phone, email, works ID or organisation id", async () => {
    const { world, sato, globex } = await aCardOfTanaka();
    const cards = await world.book.search.byPhone(sato.id, "070-3333-4444");
    expect(cards).toHaveLength(1);
    const serialised = JSON.stringify(cards);
    for (const secret of [
      "070-3333-4444",
      "+817033334444",
      "tanaka@globex.example",
      "tanaka@globex",
      globex.organisation.id,
    ]) {
      expect(serialised).not.toContain(secret);
    }
    for (const key of ["mobilePhone", "email", "worksId", "organisationId"]) {
      expect(cards[0]).not.toHaveProperty(key);
    }
  });

  it("R9: the card's company is the organisation's current name", async () => {
    const { world, sato, globex, target } = await aCardOfTanaka();
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Holdings");
    const cards = await world.book.search.byWorksId(sato.id, target.worksId);
    expect(cards.map((card) => card.company)).toEqual(["Globex Holdings"]);
  });
});
