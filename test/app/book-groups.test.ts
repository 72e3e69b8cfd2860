import { describe, expect, it } from "vitest";
import { asGroupId } from "../../src/index.js";
import { aBookWithColleagues, allIds, idsOn } from "./book-world.js";

describe("R27: filtering by group", () => {
  async function aBookWithGroups() {
    const book = await aBookWithColleagues();
    const { world, sato, tanaka } = book;
    const project = await world.book.groups.create(sato.id, { name: "Project X" });
    const other = await world.book.groups.create(sato.id, { name: "Project Y" });
    const inProject = await world.book.contacts.edit(
      sato.id,
      book.own.id,
      { groups: [project.id] },
      { expectedVersion: book.own.version },
    );
    const linkedInBoth = await world.book.contacts.edit(
      sato.id,
      book.ownLinked.id,
      { groups: [project.id, other.id] },
      { expectedVersion: book.ownLinked.version },
    );
    // Tanaka's private contact is in the group too, but Sato may not see it.
    const hidden = await world.book.contacts.edit(
      tanaka.id,
      book.notForSato.id,
      { groups: [project.id] },
      { expectedVersion: book.notForSato.version },
    );
    return { ...book, project, other, inProject, linkedInBoth, hidden };
  }

  it("R27: the group filter lists only the group's contacts the viewer may see", async () => {
    const book = await aBookWithGroups();
    const ids = await allIds(book.world, book.sato.id, { group: book.project.id });
    expect(new Set(ids)).toEqual(new Set([book.inProject.id, book.linkedInBoth.id]));
    expect(ids).toHaveLength(2);
    expect(await allIds(book.world, book.sato.id, { group: book.other.id })).toEqual([book.linkedInBoth.id]);
  });

  it("R27: the owner of a contact hidden from the viewer still finds it in the group", async () => {
    const book = await aBookWithGroups();
    expect(await allIds(book.world, book.tanaka.id, { group: book.project.id })).toEqual([book.hidden.id]);
  });

  it("R26, R27: the group filter combines with the tab and a query", async () => {
    const book = await aBookWithGroups();
    expect(await idsOn(book.world, book.sato.id, { group: book.project.id, tab: "external" })).toEqual([
      book.linkedInBoth.id,
    ]);
    expect(await idsOn(book.world, book.sato.id, { group: book.project.id, query: "さとう" })).toEqual([
      book.inProject.id,
    ]);
  });

  it("R27: a group of another organisation is VALIDATION", async () => {
    const book = await aBookWithGroups();
    const theirs = await book.world.book.groups.create(book.kim.id, { name: "Globex project" });
    await expect(book.world.book.contacts.list(book.sato.id, { group: theirs.id })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: ["group", 0] }],
    });
    await expect(
      book.world.book.contacts.list(book.sato.id, { group: asGroupId("grp_nope") }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R27: taking a contact out of its group takes it off the filter", async () => {
    const book = await aBookWithGroups();
    await book.world.book.contacts.edit(
      book.sato.id,
      book.inProject.id,
      { groups: [] },
      { expectedVersion: book.inProject.version },
    );
    expect(await allIds(book.world, book.sato.id, { group: book.project.id })).toEqual([
      book.linkedInBoth.id,
    ]);
  });
});
