import { describe, expect, it } from "vitest";
import type { Contact, Member, SharingInput } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

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
