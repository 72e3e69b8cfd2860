import { describe, expect, it } from "vitest";
import {
  asMemberId,
  type Contact,
  type GroupId,
  type Member,
  type MemberId,
  type SharingInput,
} from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { eventsOf } from "../support/events.js";

type Role =
  | "the owner"
  | "a co-editor"
  | "a viewer"
  | "a same-organisation outsider"
  | "a member of another organisation"
  | "an unlisted admin";
type Operation = "get" | "list" | "edit" | "share" | "delete" | "restore" | "purge" | "talkAccess";
type Outcome = "allowed" | "NOT_PERMITTED" | "NOT_FOUND";

/** A linked contact of Sato's, shared for the role, and the member acting in that role. */
interface Scene {
  readonly world: World;
  readonly owner: Member;
  readonly actor: Member;
  readonly contact: Contact;
}

async function aScene(role: Role): Promise<Scene> {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const colleague = await aMember(world, acme);
  const bystander = await aMember(world, acme);
  const added = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
  const setups: Record<Role, () => Promise<{ actor: Member; sharing: SharingInput }>> = {
    "the owner": async () => ({ actor: sato, sharing: { visibility: "members", members: [colleague.id] } }),
    "a co-editor": async () => ({
      actor: colleague,
      sharing: { visibility: "members", members: [colleague.id], coEditing: true },
    }),
    "a viewer": async () => ({
      actor: colleague,
      sharing: { visibility: "members", members: [colleague.id], coEditing: false },
    }),
    "a same-organisation outsider": async () => ({
      actor: colleague,
      sharing: { visibility: "members", members: [bystander.id], coEditing: true },
    }),
    // Even the widest sharing stops at the organisation's border.
    "a member of another organisation": async () => ({
      actor: await aMember(world, globex),
      sharing: { visibility: "organisation", coEditing: true },
    }),
    "an unlisted admin": async () => ({
      actor: acme.admin,
      sharing: { visibility: "members", members: [colleague.id], coEditing: true },
    }),
  };
  const { actor, sharing } = await setups[role]();
  const contact = await world.book.contacts.share(sato.id, added.id, sharing, {
    expectedVersion: added.version,
  });
  return { world, owner: sato, actor, contact };
}

/** How each operation is tried, and what it must have done when it is allowed. */
const operations: Record<
  Operation,
  {
    readonly rule: string;
    readonly trashedFirst?: boolean;
    readonly run: (scene: Scene) => Promise<unknown>;
    readonly took: (scene: Scene, result: unknown) => Promise<void>;
  }
> = {
  get: {
    rule: "R27",
    run: ({ world, actor, contact }) => world.book.contacts.get(actor.id, contact.id),
    took: async ({ contact }, result) => expect(result).toEqual(contact),
  },
  list: {
    rule: "R27",
    run: async ({ world, actor, contact }) =>
      (await world.book.contacts.list(actor.id)).items.some((entry) => entry.contact.id === contact.id),
    took: async (_scene, listed) => expect(listed).toBe(true),
  },
  edit: {
    rule: "R27",
    run: ({ world, actor, contact }) =>
      world.book.contacts.edit(
        actor.id,
        contact.id,
        { memo: "edited" },
        { expectedVersion: contact.version },
      ),
    took: async ({ world, owner, contact }) =>
      expect((await world.book.contacts.get(owner.id, contact.id)).fields.memo).toBe("edited"),
  },
  share: {
    rule: "R27",
    run: ({ world, actor, contact }) =>
      world.book.contacts.share(
        actor.id,
        contact.id,
        { visibility: "organisation" },
        {
          expectedVersion: contact.version,
        },
      ),
    took: async ({ world, owner, contact }) =>
      expect((await world.book.contacts.get(owner.id, contact.id)).sharing).toEqual({
        visibility: "organisation",
        coEditing: false,
      }),
  },
  delete: {
    rule: "R30",
    run: ({ world, actor, contact }) => world.book.trash.delete(actor.id, contact.id),
    took: async ({ world, owner, contact }) =>
      await expect(world.book.contacts.get(owner.id, contact.id)).rejects.toMatchObject({ code: "IN_TRASH" }),
  },
  restore: {
    rule: "R32",
    trashedFirst: true,
    run: ({ world, actor, contact }) => world.book.trash.restore(actor.id, contact.id),
    took: async ({ world, owner, contact }) =>
      expect((await world.book.contacts.get(owner.id, contact.id)).trash).toBeNull(),
  },
  purge: {
    rule: "R34",
    trashedFirst: true,
    run: ({ world, actor, contact }) => world.book.trash.purge(actor.id, contact.id),
    took: async ({ world, contact }) =>
      expect(world.store.snapshot().contacts.map((c) => c.id)).not.toContain(contact.id),
  },
  talkAccess: {
    rule: "R27",
    run: ({ world, actor, contact }) => world.book.contacts.talkAccess(actor.id, contact.id),
    took: async (_scene, result) =>
      expect(result).toEqual({ canTalk: true, canViewHistory: true, reason: "ok" }),
  },
};

const all = (outcome: Outcome): Outcome[] => Array(8).fill(outcome);
const order: Operation[] = ["get", "list", "edit", "share", "delete", "restore", "purge", "talkAccess"];
// A trashed contact exists for its owner only (R31), so a sharer who tries to restore or purge
// it finds nothing there: NOT_FOUND, as for every other read of it.
const expected: Record<Role, Outcome[]> = {
  "the owner": all("allowed"),
  "a co-editor": [
    "allowed",
    "allowed",
    "allowed",
    "NOT_PERMITTED",
    "NOT_PERMITTED",
    "NOT_FOUND",
    "NOT_FOUND",
    "allowed",
  ],
  "a viewer": [
    "allowed",
    "allowed",
    "NOT_PERMITTED",
    "NOT_PERMITTED",
    "NOT_PERMITTED",
    "NOT_FOUND",
    "NOT_FOUND",
    "allowed",
  ],
  "a same-organisation outsider": all("NOT_FOUND"),
  "a member of another organisation": all("NOT_FOUND"),
  "an unlisted admin": all("NOT_FOUND"),
};

const matrix = (Object.keys(expected) as Role[]).flatMap((role) =>
  order.map((operation, i) => {
    const outcome = expected[role][i] as Outcome;
    const verdict =
      operation === "list"
        ? outcome === "allowed"
          ? "finds it in their list"
          : "does not find it in their list"
        : outcome === "allowed"
          ? `may ${operation}`
          : `gets ${outcome} on ${operation}`;
    return { title: `${operations[operation].rule}: ${role} ${verdict}`, role, operation, outcome };
  }),
);

describe("R27, R30, R32, R34: who may do what with a shared contact", () => {
  it.each(matrix.map((row) => [row.title, row] as const))(
    "%s",
    async (_title, { role, operation, outcome }) => {
      const scene = await aScene(role);
      const { world, owner, contact } = scene;
      const step = operations[operation];
      if (step.trashedFirst) await world.book.trash.delete(owner.id, contact.id);
      if (outcome === "allowed") {
        await step.took(scene, await step.run(scene));
        return;
      }
      const before = world.store.snapshot();
      if (operation === "list") expect(await step.run(scene)).toBe(false);
      else await expect(step.run(scene)).rejects.toMatchObject({ code: outcome });
      expect(world.store.snapshot()).toEqual(before);
    },
  );
});

/** Sato's customer contact in Acme, with colleagues, an admin and someone at Globex around. */
async function aSharingWorld() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const tanaka = await aMember(world, acme);
  const suzuki = await aMember(world, acme);
  const contact = await world.book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    emails: [{ address: "yamada@example.com" }],
  });
  return { world, acme, globex, sato, lee, tanaka, suzuki, contact };
}

async function sees(world: World, actor: MemberId, contact: Contact): Promise<boolean> {
  const listed = (await world.book.contacts.list(actor)).items.some(
    (entry) => entry.contact.id === contact.id,
  );
  const got = await world.book.contacts.get(actor, contact.id).then(
    () => true,
    (error: { code?: string }) => {
      expect(error.code).toBe("NOT_FOUND");
      return false;
    },
  );
  expect(listed).toBe(got);
  return got;
}

async function shareAs(world: World, owner: MemberId, contact: Contact, sharing: SharingInput) {
  const current = await world.book.contacts.get(owner, contact.id);
  return world.book.contacts.share(owner, contact.id, sharing, { expectedVersion: current.version });
}

describe("R27: visibility", () => {
  it("R27: a new contact is private: only its owner sees it", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    expect(contact.sharing).toEqual({ visibility: "private", coEditing: false });
    expect(await sees(world, sato.id, contact)).toBe(true);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
  });

  it("R27: organisation visibility reaches every member of the owner's organisation and no one outside", async () => {
    const { world, acme, sato, lee, tanaka, suzuki, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "organisation" });
    for (const member of [sato, tanaka, suzuki, acme.admin])
      expect(await sees(world, member.id, contact)).toBe(true);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });

  it("R27: members visibility reaches exactly the listed members", async () => {
    const { world, acme, sato, tanaka, suzuki, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id] });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    expect(await sees(world, suzuki.id, contact)).toBe(false);
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
  });

  it("R27: the owner always sees their contact, whoever it is shared with", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], groups: [] });
    expect(await sees(world, sato.id, contact)).toBe(true);
    await shareAs(world, sato.id, contact, { visibility: "members" });
    expect(await sees(world, sato.id, contact)).toBe(true);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });

  it("R27: going back to private hides the contact again", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "organisation" });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    await shareAs(world, sato.id, contact, { visibility: "private" });
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });

  it("R27: a member both listed and in a listed group sees the contact once", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team", members: [tanaka.id] });
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      groups: [team.id],
    });
    const ids = (await world.book.contacts.list(tanaka.id)).items.map((entry) => entry.contact.id);
    expect(ids).toEqual([contact.id]);
  });
});

describe("R27: co-editing", () => {
  it("R27: with co-editing on, everyone who sees the contact may edit it", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: true });
    const edited = await world.book.contacts.edit(
      tanaka.id,
      contact.id,
      { memo: "from Tanaka" },
      {
        expectedVersion: shared.version,
      },
    );
    await world.book.contacts.edit(
      acme.admin.id,
      contact.id,
      { title: "部長" },
      {
        expectedVersion: edited.version,
      },
    );
    const now = await world.book.contacts.get(sato.id, contact.id);
    expect(now.fields).toMatchObject({ memo: "from Tanaka", title: "部長" });
    expect(now.ownerId).toBe(sato.id);
    const edits = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (e) => e.type === "contact_edited",
    );
    expect(edits.map((e) => e.actorId)).toEqual([tanaka.id, acme.admin.id]);
  });

  it("R27: with co-editing off, only the owner edits; the others get NOT_PERMITTED and nothing changes", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: false });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.edit(tanaka.id, contact.id, { memo: "no" }, { expectedVersion: shared.version }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(world.store.snapshot()).toEqual(before);
    const mine = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "yes" },
      {
        expectedVersion: shared.version,
      },
    );
    expect(mine.fields.memo).toBe("yes");
  });

  it("R27: turning co-editing off takes the right to edit back", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], coEditing: true });
    const off = await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id] });
    expect(off.sharing.coEditing).toBe(false);
    await expect(
      world.book.contacts.edit(tanaka.id, contact.id, { memo: "no" }, { expectedVersion: off.version }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
  });

  it("R27: a co-editor cannot pass the contact on: sharing stays the owner's", async () => {
    const { world, sato, tanaka, suzuki, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      coEditing: true,
    });
    await expect(
      world.book.contacts.share(
        tanaka.id,
        contact.id,
        { visibility: "members", members: [tanaka.id, suzuki.id] },
        {
          expectedVersion: shared.version,
        },
      ),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(await sees(world, suzuki.id, contact)).toBe(false);
  });
});

describe("R27: who may be listed", () => {
  it("R27: 500 listed members are accepted", async () => {
    const { world, acme, sato, contact } = await aSharingWorld();
    const members: MemberId[] = [];
    for (let i = 0; i < 500; i++) members.push((await aMember(world, acme)).id);
    const shared = await shareAs(world, sato.id, contact, { visibility: "members", members });
    expect(shared.sharing).toMatchObject({ visibility: "members", members });
    expect(await sees(world, members[499] as MemberId, contact)).toBe(true);
  });

  it("R27: 501 listed members are VALIDATION and change nothing", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const before = world.store.snapshot();
    const members = Array.from({ length: 501 }, () => tanaka.id);
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: members and groups count together: 250 + 251 is VALIDATION", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team" });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        {
          visibility: "members",
          members: Array.from({ length: 250 }, () => tanaka.id),
          groups: Array.from({ length: 251 }, () => team.id),
        },
        { expectedVersion: contact.version },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members"] }] });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R27: a member of another organisation in the list is VALIDATION naming its place, and changes nothing", async () => {
    const { world, sato, lee, tanaka, contact } = await aSharingWorld();
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [tanaka.id, lee.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members", 1] }] });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });

  it("R27: an unknown member in the list is VALIDATION", async () => {
    const { world, sato, contact } = await aSharingWorld();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [asMemberId("mem_nobody")] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["members", 0] }] });
  });

  it("R27: a group of another organisation is VALIDATION", async () => {
    const { world, sato, lee, contact } = await aSharingWorld();
    const theirs = await world.book.groups.create(lee.id, { name: "Globex team", members: [lee.id] });
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", groups: [theirs.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["groups", 0] }] });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, lee.id, contact)).toBe(false);
  });
});

describe("R27, R35: the record of sharing", () => {
  it("R35: a share records contact_shared with the sharing before and after", async () => {
    const { world, acme, sato, tanaka, contact } = await aSharingWorld();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      coEditing: true,
    });
    expect(shared.version).toBe(contact.version + 1);
    const events = await eventsOf(world.book, acme.admin.id, acme.organisation.id);
    expect(events.filter((event) => event.type === "contact_shared")).toEqual([
      expect.objectContaining({
        actorId: sato.id,
        contactId: contact.id,
        before: { visibility: "private", coEditing: false },
        after: { visibility: "members", members: [tanaka.id], groups: [], coEditing: true },
      }),
    ]);
  });

  it("R35: a share that changes nothing records nothing and keeps the version", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const sharing: SharingInput = { visibility: "members", members: [tanaka.id], coEditing: true };
    const shared = await shareAs(world, sato.id, contact, sharing);
    const before = world.store.snapshot();
    const again = await shareAs(world, sato.id, contact, sharing);
    expect(again).toEqual(shared);
    expect(world.store.snapshot()).toEqual(before);
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id, tanaka.id],
      coEditing: true,
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R25, R27: a share made on a stale version is CONFLICT and changes nothing", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    const edited = await world.book.contacts.edit(
      sato.id,
      contact.id,
      { memo: "moved on" },
      {
        expectedVersion: contact.version,
      },
    );
    const before = world.store.snapshot();
    await expect(
      world.book.contacts.share(
        sato.id,
        contact.id,
        { visibility: "members", members: [tanaka.id] },
        {
          expectedVersion: contact.version,
        },
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { contactId: contact.id, currentVersion: edited.version },
    });
    expect(world.store.snapshot()).toEqual(before);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
  });
});

describe("R27: sharing with groups", () => {
  async function sharedWithATeam() {
    const scene = await aSharingWorld();
    const { world, sato, tanaka } = scene;
    const team: { id: GroupId } = await world.book.groups.create(sato.id, {
      name: "Team",
      members: [tanaka.id],
    });
    await shareAs(world, sato.id, scene.contact, { visibility: "members", groups: [team.id] });
    return { ...scene, team };
  }

  it("R27: members of a group the contact is shared with see it; others do not", async () => {
    const { world, tanaka, suzuki, contact } = await sharedWithATeam();
    expect(await sees(world, tanaka.id, contact)).toBe(true);
    expect(await sees(world, suzuki.id, contact)).toBe(false);
  });

  it("R27: taking a member out of the group hides the contact from them", async () => {
    const { world, sato, tanaka, suzuki, contact, team } = await sharedWithATeam();
    await world.book.groups.setMembers(sato.id, team.id, [suzuki.id]);
    expect(await sees(world, tanaka.id, contact)).toBe(false);
    expect(await sees(world, suzuki.id, contact)).toBe(true);
  });

  it("R27: a member who joins the group later sees the contact at once", async () => {
    const { world, sato, tanaka, suzuki, contact, team } = await sharedWithATeam();
    expect(await sees(world, suzuki.id, contact)).toBe(false);
    await world.book.groups.setMembers(sato.id, team.id, [tanaka.id, suzuki.id]);
    expect(await sees(world, suzuki.id, contact)).toBe(true);
  });

  it("R27: co-editing through a group lets the group's members edit", async () => {
    const { world, sato, tanaka, contact, team } = await sharedWithATeam();
    const shared = await shareAs(world, sato.id, contact, {
      visibility: "members",
      groups: [team.id],
      coEditing: true,
    });
    const edited = await world.book.contacts.edit(
      tanaka.id,
      contact.id,
      { memo: "team note" },
      {
        expectedVersion: shared.version,
      },
    );
    expect(edited.fields.memo).toBe("team note");
    const entry = (await world.book.contacts.list(tanaka.id)).items[0];
    expect(entry).toMatchObject({ contact: { id: contact.id }, editable: true });
  });
});

describe("R31: a trashed contact and its sharers", () => {
  it("R31: a trashed contact is hidden from every sharer while its owner finds it in the trash", async () => {
    const { world, acme, sato, tanaka, suzuki, contact } = await aSharingWorld();
    const team = await world.book.groups.create(sato.id, { name: "Team", members: [suzuki.id] });
    await shareAs(world, sato.id, contact, {
      visibility: "members",
      members: [tanaka.id],
      groups: [team.id],
      coEditing: true,
    });
    await world.book.trash.delete(sato.id, contact.id);
    for (const sharer of [tanaka, suzuki]) {
      expect(await sees(world, sharer.id, contact)).toBe(false);
      await expect(world.book.contacts.talkAccess(sharer.id, contact.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        world.book.contacts.edit(
          sharer.id,
          contact.id,
          { memo: "x" },
          { expectedVersion: contact.version + 2 },
        ),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await world.book.trash.list(sharer.id)).items).toEqual([]);
    }
    expect(await sees(world, acme.admin.id, contact)).toBe(false);
    await expect(world.book.contacts.get(sato.id, contact.id)).rejects.toMatchObject({ code: "IN_TRASH" });
    const trash = await world.book.trash.list(sato.id);
    expect(trash.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R32: restoring brings the sharing back, so the sharers see it again", async () => {
    const { world, sato, tanaka, contact } = await aSharingWorld();
    await shareAs(world, sato.id, contact, { visibility: "members", members: [tanaka.id], coEditing: true });
    await world.book.trash.delete(sato.id, contact.id);
    const restored = await world.book.trash.restore(sato.id, contact.id);
    expect(restored.sharing).toEqual({
      visibility: "members",
      members: [tanaka.id],
      groups: [],
      coEditing: true,
    });
    expect(await sees(world, tanaka.id, contact)).toBe(true);
  });
});

describe("R27: other organisations", () => {
  it("R27: an admin of another organisation neither sees nor finds an organisation-wide contact", async () => {
    const { world, sato, contact } = await aSharingWorld();
    const initech = await anOrganisation(world, { name: "Initech" });
    await shareAs(world, sato.id, contact, { visibility: "organisation", coEditing: true });
    expect(await sees(world, initech.admin.id, contact)).toBe(false);
  });
});

describe("R27: the order of a sharing list is not a change", () => {
  it("R27: the same members and groups in another order record nothing and keep the version", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const tanaka = await aMember(world, acme);
    const suzuki = await aMember(world, acme);
    const customer = await world.book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.com" }],
    });
    const shared = await world.book.contacts.share(
      sato.id,
      customer.id,
      { visibility: "members", members: [tanaka.id, suzuki.id] },
      { expectedVersion: customer.version },
    );
    const before = world.store.snapshot();
    const same = await world.book.contacts.share(
      sato.id,
      customer.id,
      { visibility: "members", members: [suzuki.id, tanaka.id] },
      { expectedVersion: shared.version },
    );
    expect(same.version).toBe(shared.version);
    expect(world.store.snapshot()).toEqual(before);
  });
});
