import type { Contact, CustomerContact } from "../domain/contact.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import { decideTalkAccess, type TalkAccess } from "../domain/talk.js";
import type { AddedVia } from "../events.js";
import type {
  BookQueryInput,
  ContactPatchInput,
  ExpectedVersion,
  NewCustomerInput,
  SharingInput,
} from "../inputs.js";
import { contactIdSchema, memberIdSchema, newCustomerSchema, tokenSchema } from "../schemas.js";
import { type AddResult, addLinkedContact } from "./add-linked.js";
import { type BookPageResult, exportBook, listBook } from "./book.js";
import { editContact } from "./contact-edit.js";
import { customerChangeFrom, requireGroupsOf } from "./contact-input.js";
import { shareContact } from "./contact-sharing.js";
import { insertCustomer, newCustomerContact, requireRoomFor } from "./contact-writes.js";
import { type Context, findParty, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { importContacts } from "./import.js";
import type { ImportOptions, ImportRecord, ImportSummary } from "./import-records.js";
import { notAddable, requireOpenSide } from "./linking-guard.js";
import { hashToken } from "./tokens.js";
import { parseInput } from "./validate.js";
import { loadReader, requireContact } from "./viewer.js";

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

  return {
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

    list: (actor, query) => listBook(ctx, actor, query),

    edit: (actor, id, patch, options) => editContact(ctx, actor, id, patch, options),

    share: (actor, id, sharing, options) => shareContact(ctx, actor, id, sharing, options),

    import: (actor, records, options) => importContacts(ctx, actor, records, options),

    export: (actor, query) => exportBook(ctx, actor, query),

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
}
