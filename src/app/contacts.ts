import type { z } from "zod";
import {
  type Contact,
  type CustomerContact,
  emptyOwnerFields,
  isGone,
  type LinkedContact,
  ownerFieldsFromProfile,
  syncedFieldsOf,
} from "../domain/contact.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import { canLink, type Party } from "../domain/linking.js";
import { contactLimit } from "../domain/organisation.js";
import { decideTalkAccess, type TalkAccess } from "../domain/talk.js";
import { PartnerbookError } from "../errors.js";
import type { AddedVia } from "../events.js";
import type { Page } from "../ports/store.js";
import {
  contactIdSchema,
  memberIdSchema,
  type NewCustomerInput,
  newCustomerSchema,
  type PageInput,
  pageSchema,
  tokenSchema,
} from "../schemas.js";
import { type Context, findParty, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { requireOpenSide } from "./linking-guard.js";
import { requirePhone } from "./profile-input.js";
import { parseInput } from "./validate.js";

/** The answer of every add: the contact, and whether it was new or already there (R15). */
export interface AddResult {
  readonly status: "added" | "existing";
  readonly contact: Contact;
}

/** R16: refuses a new live contact when the organisation is at its plan's limit. */
export async function requireRoomFor(uow: UnitOfWork, owner: Party): Promise<void> {
  const limit = contactLimit(owner.organisation.plan);
  if ((await uow.contacts.countActive(owner.organisation.id)) >= limit) {
    throw new PartnerbookError("LIMIT_REACHED", `your organisation holds its limit of ${limit} contacts`, {
      limit,
    });
  }
}

/**
 * R12, R15: adds `target` to `owner`'s book as a linked contact — or returns the one already
 * there. Used by every way of adding an external user.
 */
export async function addLinkedContact(
  ctx: Context,
  uow: UnitOfWork,
  owner: Party,
  target: Party,
  via: AddedVia,
): Promise<AddResult> {
  requireOpenSide(owner);
  if (!canLink(owner, target).ok) {
    // R10: the other side's settings are not the adder's business; the answer is the same
    // as for a member who does not exist.
    throw new PartnerbookError("NOT_FOUND", "no external user you can add");
  }
  const existing = await uow.contacts.findByOwnerAndTarget(owner.member.id, target.member.id);
  if (existing !== null && !isGone(existing, uow.now)) {
    if (existing.trash !== null) {
      throw new PartnerbookError("IN_TRASH", "this person is in your trash; restore them instead", {
        contactId: existing.id,
      });
    }
    return { status: "existing", contact: refreshed(existing, target) };
  }
  await requireRoomFor(uow, owner);
  const fresh: LinkedContact = {
    id: ctx.ids.id("contact") as ContactId,
    kind: "linked",
    ownerId: owner.member.id,
    organisationId: owner.organisation.id,
    targetMemberId: target.member.id,
    targetOrganisationId: target.organisation.id,
    fields: ownerFieldsFromProfile(target.member),
    synced: syncedFieldsOf(target.member, target.organisation.name),
    trash: null,
    version: 1,
    createdAt: uow.now,
    updatedAt: uow.now,
  };
  // R33: a contact past its retention is gone even if not yet purged; its record (still
  // holding the owner + target key) is overwritten by the new contact.
  const saved = existing === null ? fresh : { ...fresh, id: existing.id, version: existing.version + 1 };
  if (existing === null) await uow.contacts.insert(saved);
  else await uow.contacts.update(saved, existing.version);
  await uow.record({
    type: "contact_added",
    actorId: owner.member.id,
    contactId: saved.id,
    ownerId: owner.member.id,
    kind: "linked",
    via,
  });
  return { status: "added", contact: saved };
}

/** R23: a linked contact shows the target's profile as it is now. */
function refreshed(contact: Contact, target: Party | null): Contact {
  if (contact.kind !== "linked" || target === null) return contact;
  return { ...contact, synced: syncedFieldsOf(target.member, target.organisation.name) };
}

async function present(uow: UnitOfWork, contact: Contact): Promise<Contact> {
  return contact.kind === "linked"
    ? refreshed(contact, await findParty(uow, contact.targetMemberId))
    : contact;
}

/** Loads a live contact the actor may see, or NOT_FOUND for every other case alike. */
async function requireVisible(uow: UnitOfWork, actor: MemberId, id: ContactId): Promise<Contact> {
  const contact = await uow.contacts.get(id);
  if (contact === null || contact.ownerId !== actor || isGone(contact, uow.now)) {
    throw new PartnerbookError("NOT_FOUND", `no contact ${id}`);
  }
  return contact;
}

type NewCustomer = z.output<typeof newCustomerSchema>;

function customerContact(ctx: Context, owner: Party, data: NewCustomer, now: Date): CustomerContact {
  return {
    id: ctx.ids.id("contact") as ContactId,
    kind: "customer",
    ownerId: owner.member.id,
    organisationId: owner.organisation.id,
    profile: {
      nickname: data.nickname ?? null,
      company: data.company ?? null,
      photoUrl: data.photoUrl ?? null,
    },
    fields: {
      ...emptyOwnerFields,
      familyName: data.familyName ?? null,
      givenName: data.givenName ?? null,
      familyNameReading: data.familyNameReading ?? null,
      givenNameReading: data.givenNameReading ?? null,
      department: data.department ?? null,
      title: data.title ?? null,
      phones: (data.phones ?? []).map((phone, i) => ({
        label: phone.label ?? null,
        ...requirePhone(phone.number, ctx.defaultRegion, ["phones", i, "number"]),
      })),
      emails: (data.emails ?? []).map((email) => ({ label: email.label ?? null, address: email.address })),
      addresses: (data.addresses ?? []).map((v) => ({ label: v.label ?? null, value: v.value })),
      websites: (data.websites ?? []).map((v) => ({ label: v.label ?? null, value: v.value })),
      messengers: (data.messengers ?? []).map((v) => ({ label: v.label ?? null, value: v.value })),
      dates: data.dates ?? [],
      memo: data.memo ?? null,
      tags: data.tags ?? [],
      customFields: (data.customFields ?? []).map((v) => ({ label: v.label ?? null, value: v.value })),
    },
    trash: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The customers/partners address book (R12–R16) and what a chat app may do (R31). */
export interface Contacts {
  /** R12: adds the person behind a search result's `memberId`. Idempotent (R15). */
  addFromSearch(actor: MemberId, memberId: MemberId): Promise<AddResult>;
  /** R12, R13: adds the person whose QR code was scanned. Idempotent (R15). */
  addFromQr(actor: MemberId, qrToken: string): Promise<AddResult>;
  /** R14, R22: adds a customer contact typed in by hand. */
  addCustomer(actor: MemberId, input: NewCustomerInput): Promise<CustomerContact>;
  get(actor: MemberId, id: ContactId): Promise<Contact>;
  /** The actor's own live contacts, in id order. */
  list(actor: MemberId, page?: PageInput): Promise<Page<Contact>>;
  /** R3, R5, R31: whether the actor can talk with, and read history of, the contact's person. */
  talkAccess(actor: MemberId, id: ContactId): Promise<TalkAccess>;
}

export function contacts(ctx: Context): Contacts {
  async function addLinked(
    actor: unknown,
    via: AddedVia,
    findTarget: (uow: UnitOfWork) => Promise<MemberId | null>,
  ) {
    const actorId = parseInput(memberIdSchema, actor, "actor");
    return inTransaction(ctx, async (uow) => {
      const owner = await loadParty(uow, actorId);
      // R10: a closed own side is refused before anything about the target is looked at, so
      // the refusal cannot tell which ids or tokens exist.
      requireOpenSide(owner);
      const targetId = await findTarget(uow);
      const target = targetId === null ? null : await findParty(uow, targetId);
      if (target === null) throw new PartnerbookError("NOT_FOUND", "no external user you can add");
      return addLinkedContact(ctx, uow, owner, target, via);
    });
  }

  return {
    async addFromSearch(actor, memberId) {
      const targetId = parseInput(memberIdSchema, memberId, "member id");
      return addLinked(actor, "search", async () => targetId);
    },

    async addFromQr(actor, qrToken) {
      const token = parseInput(tokenSchema, qrToken, "QR token");
      return addLinked(actor, "qr", (uow) => uow.qrCodes.findMember(token));
    },

    async addCustomer(actor, input) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const data = parseInput(newCustomerSchema, input, "customer contact");
      return inTransaction(ctx, async (uow) => {
        const owner = await loadParty(uow, actorId);
        const contact = customerContact(ctx, owner, data, uow.now);
        await requireRoomFor(uow, owner);
        await uow.contacts.insert(contact);
        await uow.record({
          type: "contact_added",
          actorId,
          contactId: contact.id,
          ownerId: actorId,
          kind: "customer",
          via: "manual",
        });
        return contact;
      });
    },

    async get(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const contact = await requireVisible(uow, actorId, contactId);
        if (contact.trash !== null) throw new PartnerbookError("NOT_FOUND", `no contact ${contactId}`);
        return present(uow, contact);
      });
    },

    async list(actor, page) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const options = parseInput(pageSchema, page, "page");
      return inTransaction(ctx, async (uow) => {
        await loadParty(uow, actorId);
        const result = await uow.contacts.listByOwner(actorId, {
          cursor: options?.cursor ?? null,
          limit: options?.limit ?? 50,
        });
        const items: Contact[] = [];
        for (const contact of result.items) items.push(await present(uow, contact));
        return { items, nextCursor: result.nextCursor };
      });
    },

    async talkAccess(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const contact = await requireVisible(uow, actorId, contactId);
        const viewer = await loadParty(uow, actorId);
        const target = contact.kind === "linked" ? await findParty(uow, contact.targetMemberId) : null;
        return decideTalkAccess(contact, viewer, target);
      });
    },
  };
}
