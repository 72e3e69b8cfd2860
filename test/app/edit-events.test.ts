import { describe, expect, it } from "vitest";
import type { PartnerbookEvent } from "../../src/index.js";
import { aMember } from "../support/builders.js";
import { aLinkedScene, edit, editEvents, unchecked } from "./edit-world.js";

describe("R35: edit events", () => {
  it("R35: a successful edit records contact_edited with the actor and the changed field names", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const project = await world.book.groups.create(sato.id, { name: "案件B" });
    await edit(world, sato.id, contact, {
      familyName: contact.fields.familyName,
      memo: "メモ",
      phones: [{ number: "090-1234-5678" }],
      groups: [project.id],
    });
    const events = await editEvents(world);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "contact_edited",
      organisationId: acme.organisation.id,
      actorId: sato.id,
      contactId: contact.id,
    });
    const fields = (events[0] as Extract<PartnerbookEvent, { type: "contact_edited" }>).fields;
    expect([...fields].sort()).toEqual(["groups", "memo", "phones"]);
  });

  it("R35: a co-editor's edit is recorded with the co-editor as the actor", async () => {
    const { world, acme, sato, contact } = await aLinkedScene();
    const colleague = await aMember(world, acme);
    const shared = await world.book.contacts.share(
      sato.id,
      contact.id,
      { visibility: "organisation", coEditing: true },
      { expectedVersion: contact.version },
    );
    await edit(world, colleague.id, shared, { memo: "同僚のメモ" });
    expect(await editEvents(world)).toEqual([
      expect.objectContaining({ actorId: colleague.id, contactId: contact.id, fields: ["memo"] }),
    ]);
  });

  it("R35: the contact_edited event carries field names only, never the values", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await edit(world, sato.id, contact, {
      phones: [{ number: "090-9876-5432" }],
      emails: [{ address: "secret@example.com" }],
    });
    const log = JSON.stringify(await editEvents(world));
    expect(log).not.toContain("9876");
    expect(log).not.toContain("secret@example.com");
  });

  it("R35: refused edits record no event", async () => {
    const { world, sato, contact } = await aLinkedScene();
    await edit(world, sato.id, contact, unchecked({ company: "x" })).catch(() => undefined);
    await edit(world, sato.id, contact, { memo: "x".repeat(4001) }).catch(() => undefined);
    await world.book.contacts
      .edit(sato.id, contact.id, { memo: "x" }, { expectedVersion: contact.version + 5 })
      .catch(() => undefined);
    expect(await editEvents(world)).toEqual([]);
  });

  it("R35: subscribers hear contact_edited once the edit has committed", async () => {
    const { world, sato, contact } = await aLinkedScene();
    const heard: PartnerbookEvent[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event));
    await edit(world, sato.id, contact, { title: "課長" });
    await edit(world, sato.id, contact, unchecked({ photoUrl: null })).catch(() => undefined);
    unsubscribe();
    expect(heard).toEqual([expect.objectContaining({ type: "contact_edited", fields: ["title"] })]);
  });
});
