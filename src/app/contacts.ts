import { canEdit, canShare } from "../domain/access.js";
import { type BookPosition, decodeCursor, encodeCursor, onTab } from "../domain/address-book.js";
import {
  type Contact,
  type CustomerContact,
  isGone,
  type LinkedContact,
  ownerFieldsFromProfile,
  syncedFieldsOf,
} from "../domain/contact.js";
import { applyChange, missingCustomerRequirement, syncedFieldNames } from "../domain/fields.js";
import { foldForSearch } from "../domain/folding.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import { canLink, type Party } from "../domain/linking.js";
import { privateSharing, type Sharing, sameSharing } from "../domain/sharing.js";
import { decideTalkAccess, type TalkAccess } from "../domain/talk.js";
import { PartnerbookError } from "../errors.js";
import type { AddedVia } from "../events.js";
import type {
  BookQueryInput,
  ContactPatchInput,
  ExpectedVersion,
  NewCustomerInput,
  SharingInput,
} from "../inputs.js";
import {
  bookQuerySchema,
  contactIdSchema,
  contactPatchSchema,
  expectedVersionSchema,
  memberIdSchema,
  newCustomerSchema,
  sharingSchema,
  tokenSchema,
} from "../schemas.js";
import { contactChangeFrom, customerChangeFrom, requireGroupsOf, requireMembersOf } from "./contact-input.js";
import {
  holdCounts,
  insertCustomer,
  newCustomerContact,
  requireRoomFor,
  saveEdit,
} from "./contact-writes.js";
import { type Context, findParty, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { type ImportOptions, type ImportRecord, type ImportSummary, importContacts } from "./import.js";
import { notAddable, requireOpenSide } from "./linking-guard.js";
import { expired, purgeContact } from "./purge.js";
import { hashToken } from "./tokens.js";
import { invalid, parseInput } from "./validate.js";
import { loadReader, requireContact, requirePermission, requireVersion } from "./viewer.js";

/** The answer of every add: the contact, and whether it was new or already there (R15). */
export interface AddResult {
  readonly status: "added" | "existing";
  readonly contact: Contact;
}

/** One line of the address book as the viewer sees it (R26, R27). */
export interface BookEntry {
  readonly contact: Contact;
  /** R26: the "external" mark — the contact is linked to a user of another organisation. */
  readonly external: boolean;
  /** R27: whether the viewer may edit it (owner, or co-editing on). */
  readonly editable: boolean;
}

/** A page of the address book; pass `nextCursor` back for the next one. */
export interface BookPageResult {
  readonly items: readonly BookEntry[];
  readonly nextCursor: string | null;
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
  // R10: the other side's settings are not the adder's business; the answer is the same as for
  // a member who does not exist.
  if (!canLink(owner, target).ok) throw notAddable();
  // The owner's count first: adds of the same person from two requests then take turns, and
  // the second finds the first one's contact (R15) instead of colliding with it.
  await holdCounts(uow, [owner.organisation.id]);
  const existing = await uow.contacts.findByOwnerAndTarget(owner.member.id, target.member.id);
  if (existing !== null && !isGone(existing, uow.now)) {
    if (existing.trash !== null) {
      throw new PartnerbookError("IN_TRASH", "this person is in your trash; restore them instead", {
        contactId: existing.id,
      });
    }
    return { status: "existing", contact: existing };
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
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: uow.now,
    updatedAt: uow.now,
  };
  if (existing !== null) {
    // R33: past its retention the old contact is gone even if no clean-up ran; it is purged
    // now, as purgeExpired would have, and the person is added afresh under a new id.
    await purgeContact(uow, existing, expired);
  }
  await uow.contacts.insert(fresh);
  await uow.record({
    type: "contact_added",
    organisationId: fresh.organisationId,
    actorId: owner.member.id,
    contactId: fresh.id,
    ownerId: owner.member.id,
    kind: "linked",
    via,
  });
  return { status: "added", contact: fresh };
}

/** The address book: adding (R12–R16), reading (R26–R28), editing (R21–R25), sharing (R27). */
export interface Contacts {
  /** R12: adds the person behind a search result's `memberId`. Idempotent (R15). */
  addFromSearch(actor: MemberId, memberId: MemberId): Promise<AddResult>;
  /** R12, R13: adds the person whose QR code was scanned. Idempotent (R15). */
  addFromQr(actor: MemberId, qrToken: string): Promise<AddResult>;
  /** R14, R22: adds a customer contact typed in by hand. */
  addCustomer(actor: MemberId, input: NewCustomerInput): Promise<CustomerContact>;
  /** A contact the actor may see (R27). In the trash it is IN_TRASH for its owner only. */
  get(actor: MemberId, id: ContactId): Promise<Contact>;
  /**
   * R26–R28: one page of the actor's address book — the `customers` tab (default) or the
   * `external` tab, optionally one group, optionally matching a Japanese-aware `query` —
   * ordered by reading/name, then id. Cursors never skip or repeat a contact that stays.
   */
  list(actor: MemberId, query?: BookQueryInput): Promise<BookPageResult>;
  /**
   * R24, R25: changes the owner's own fields (and a customer's `profile`). Refused as a whole
   * with SYNCED_FIELD if it names a synced field, with CONFLICT if the contact moved past
   * `expectedVersion`. A change that changes nothing is not recorded.
   */
  edit(actor: MemberId, id: ContactId, patch: ContactPatchInput, options: ExpectedVersion): Promise<Contact>;
  /** R27: the owner decides who sees the contact and whether they may edit it. */
  share(actor: MemberId, id: ContactId, sharing: SharingInput, options: ExpectedVersion): Promise<Contact>;
  /** R3, R5, R31: whether the actor can talk with, and read history of, the contact's person. */
  talkAccess(actor: MemberId, id: ContactId): Promise<TalkAccess>;
  /**
   * R14–R16, R22: brings records into the actor's book as customer contacts, one transaction per
   * record, reading `records` one at a time. A record whose phone or email the book already holds
   * is `existing` (skipped, or merged with `onExisting: "merge"`), so importing the same records
   * again — even side by side — adds nothing. Per-record results go to `onRecord`, running counts
   * to `onProgress`; the promise resolves with the counts.
   *
   * @example
   * const records = [{ line: 2, contact: { familyName: "山田", emails: [{ address: "yamada@example.jp" }] } }];
   * const summary = await book.contacts.import(me, records, {
   *   onExisting: "merge",
   *   onRecord: (result) => {
   *     if (result.outcome === "invalid") console.log(result.line, result.error.message);
   *   },
   * });
   */
  import(
    actor: MemberId,
    records: Iterable<ImportRecord> | AsyncIterable<ImportRecord>,
    options?: ImportOptions,
  ): Promise<ImportSummary>;
  /**
   * R26, R27: every contact of the actor's book that `list` with the same query would show, in
   * book order, each once, fetched a page at a time (`limit`, default 200) — for an export of any
   * size in bounded memory.
   *
   * @example
   * for await (const contact of book.contacts.export(me)) writer.write(contact);
   */
  export(actor: MemberId, query?: BookQueryInput): AsyncIterable<Contact>;
}

/** The synced keys a patch names at its top level (`profile` is checked once the kind is known). */
function syncedKeysIn(patch: unknown): string[] {
  if (typeof patch !== "object" || patch === null) return [];
  return syncedFieldNames.filter((key) => Object.hasOwn(patch, key));
}

function withoutKeys(patch: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0 || typeof patch !== "object" || patch === null) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([key]) => !keys.includes(key)));
}

export function contacts(ctx: Context): Contacts {
  async function addLinked(
    actor: unknown,
    via: AddedVia,
    findTarget: (uow: UnitOfWork) => Promise<MemberId | null>,
  ) {
    const actorId = parseInput(memberIdSchema, actor, "actor");
    return inTransaction(ctx, async (uow) => {
      // R10: a closed own side is refused before anything about the target is looked at, so
      // the refusal cannot tell which ids or tokens exist.
      const owner = requireOpenSide(await loadParty(uow, actorId));
      const targetId = await findTarget(uow);
      // R10: a QR code nobody holds still reads a party (for an id no member can have: ids are
      // never empty), so it costs the same round trips as a code whose holder may not be added,
      // and gets the same answer.
      const target = await findParty(uow, targetId ?? ("" as MemberId));
      if (target === null) throw notAddable();
      return addLinkedContact(ctx, uow, owner, target, via);
    });
  }

  const operations: Contacts = {
    async addFromSearch(actor, memberId) {
      const targetId = parseInput(memberIdSchema, memberId, "member id");
      return addLinked(actor, "search", async () => targetId);
    },

    async addFromQr(actor, qrToken) {
      const token = parseInput(tokenSchema, qrToken, "QR token");
      // R20: codes are found by their token's hash only.
      const tokenHash = await hashToken(token);
      return addLinked(actor, "qr", (uow) => uow.qrCodes.findMember(tokenHash));
    },

    async addCustomer(actor, input) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const data = parseInput(newCustomerSchema, input, "customer contact");
      const change = customerChangeFrom(data, ctx.defaultRegion);
      return inTransaction(ctx, async (uow) => {
        const owner = await loadParty(uow, actorId);
        await requireGroupsOf(uow, owner.organisation.id, change.groups ?? [], ["groups"]);
        await requireRoomFor(uow, owner);
        const contact = newCustomerContact(ctx, uow, owner, change);
        await insertCustomer(uow, contact);
        return contact;
      });
    },

    async get(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const { viewer } = await loadReader(uow, actorId);
        return requireContact(uow, viewer, contactId);
      });
    },

    async list(actor, query) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const options = parseInput(bookQuerySchema, query, "address book query") ?? {};
      const after = options.cursor ? decodeCursor(options.cursor) : null;
      if (options.cursor && after === null) throw invalid(["cursor"], "not a cursor this book gave out");
      const folded = options.query === undefined ? "" : foldForSearch(options.query);
      const tab = options.tab ?? "customers";
      return inTransaction(ctx, async (uow) => {
        const { viewer } = await loadReader(uow, actorId);
        if (options.group !== undefined) {
          await requireGroupsOf(uow, viewer.organisationId, [options.group], ["group"]);
        }
        const page = await uow.contacts.listBook({
          viewer,
          tab,
          group: options.group ?? null,
          text: folded === "" ? null : folded,
          after: after as BookPosition | null,
          limit: options.limit ?? 50,
        });
        return {
          items: page.items.map((contact) => ({
            contact,
            external: onTab(contact, "external"),
            editable: canEdit(contact, viewer),
          })),
          nextCursor: page.next === null ? null : encodeCursor(page.next),
        };
      });
    },

    async edit(actor, id, patch, options) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      const { expectedVersion } = parseInput(expectedVersionSchema, options, "options");
      const synced = syncedKeysIn(patch);
      const data = parseInput(contactPatchSchema, withoutKeys(patch, synced), "contact change");
      const change = contactChangeFrom(data, ctx.defaultRegion);
      return inTransaction(ctx, async (uow) => {
        const { viewer } = await loadReader(uow, actorId);
        // Locked: a concurrent sync (R23) waits for this edit, or this edit for it, so neither
        // writes back a stale copy of the other's part.
        const before = await requireContact(uow, viewer, contactId, { trashed: "refuse", lock: true });
        requirePermission(canEdit(before, viewer), "edit");
        // R25: the whole edit is refused, naming the field, before anything is applied.
        const touched = before.kind === "linked" ? [...synced, ...Object.keys(change.profile ?? {})] : synced;
        if (touched.length > 0) {
          const field = touched[0] as string;
          throw new PartnerbookError(
            before.kind === "linked" ? "SYNCED_FIELD" : "VALIDATION",
            before.kind === "linked"
              ? `${field} is synced from the external user's profile and cannot be edited`
              : `${field} of a customer contact is edited under "profile"`,
            before.kind === "linked" ? { field } : { issues: [{ path: [field], message: "use profile" }] },
          );
        }
        requireVersion(before, expectedVersion);
        await requireGroupsOf(uow, before.organisationId, change.groups ?? [], ["groups"]);
        const { contact: applied, changed } = applyChange(before, change);
        if (changed.length === 0) return before;
        const missing = applied.kind === "customer" ? missingCustomerRequirement(applied.fields) : null;
        if (missing !== null) {
          throw invalid([missing], "R22: a customer contact keeps a name and a phone or an email");
        }
        return saveEdit(uow, actorId, before, applied, changed);
      });
    },

    async share(actor, id, sharing, options) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      const { expectedVersion } = parseInput(expectedVersionSchema, options, "options");
      const input = parseInput(sharingSchema, sharing, "sharing");
      const next: Sharing =
        input.visibility === "members"
          ? {
              visibility: "members",
              members: [...new Set(input.members ?? [])],
              groups: [...new Set(input.groups ?? [])],
              coEditing: input.coEditing ?? false,
            }
          : { visibility: input.visibility, coEditing: input.coEditing ?? false };
      return inTransaction(ctx, async (uow) => {
        const { viewer } = await loadReader(uow, actorId);
        const before = await requireContact(uow, viewer, contactId, { trashed: "refuse", lock: true });
        requirePermission(canShare(before, viewer), "share");
        requireVersion(before, expectedVersion);
        if (next.visibility === "members") {
          await requireMembersOf(uow, before.organisationId, next.members, ["members"]);
          await requireGroupsOf(uow, before.organisationId, next.groups, ["groups"]);
        }
        if (sameSharing(before.sharing, next)) return before;
        const after: Contact = { ...before, sharing: next, version: before.version + 1, updatedAt: uow.now };
        await uow.contacts.update(after, before.version);
        await uow.record({
          type: "contact_shared",
          organisationId: after.organisationId,
          actorId,
          contactId,
          ownerId: after.ownerId,
          before: before.sharing,
          after: next,
        });
        return after;
      });
    },

    import: (actor, records, options) => importContacts(ctx, actor, records, options),

    async *export(actor, query) {
      // Parsed here: spread into each page's query, a value that is no query would pass as none.
      parseInput(memberIdSchema, actor, "actor");
      const options = parseInput(bookQuerySchema, query, "address book query") ?? {};
      let cursor = options.cursor ?? null;
      do {
        const page = await operations.list(actor, { ...options, limit: options.limit ?? 200, cursor });
        for (const entry of page.items) yield entry.contact;
        cursor = page.nextCursor;
      } while (cursor !== null);
    },

    async talkAccess(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const { party, viewer } = await loadReader(uow, actorId);
        const contact = await requireContact(uow, viewer, contactId, { trashed: "allow" });
        const target = contact.kind === "linked" ? await findParty(uow, contact.targetMemberId) : null;
        return decideTalkAccess(contact, party, target);
      });
    },
  };
  return operations;
}
