import type { Contact, ContactId, TalkAccess } from "../../../src/index.js";
import { LinkingModel } from "./linking.js";
import {
  type AddPlan,
  accept,
  type ContactState,
  type CustomerInput,
  type Expected,
  emptyFields,
  fold,
  refuse,
} from "./state.js";
import { e164Of } from "./world.js";

/** R12–R16: adding contacts; R26–R28, R31: who sees what in a book, and how it reads. */
export class BookModel extends LinkingModel {
  // ── R12–R16: adding ────────────────────────────────────────────────────────────────────────

  /** R33: past `purgeAt` a trashed contact is gone for every read. */
  isGone(contact: ContactState): boolean {
    return contact.trash !== null && this.now >= contact.trash.purgeAt.getTime();
  }

  /** The owner's stored contact for an external user, gone or not. */
  findLinked(owner: number, target: number): ContactState | undefined {
    return this.contacts.find((contact) => contact.owner === owner && contact.target === target);
  }

  /**
   * R12, R15: adding `target` (or nobody, `null`) to `owner`'s book. The owner's own side is
   * checked first (R10), then whether the two may link: every other reason is NOT_FOUND.
   */
  addLinked(owner: number, target: number | null): Expected<AddPlan> {
    if (!this.openSide(owner)) return refuse("LINKING_DISABLED");
    if (target === null || !this.canLink(owner, target)) return refuse("NOT_FOUND");
    return this.addOrExisting(owner, target);
  }

  protected addOrExisting(owner: number, target: number): Expected<AddPlan> {
    const existing = this.findLinked(owner, target);
    if (existing !== undefined && !this.isGone(existing)) {
      if (existing.trash !== null) return refuse("IN_TRASH");
      return accept({ status: "existing", contact: existing });
    }
    return accept({ status: "added", replaces: existing ?? null });
  }

  /** Carries out an add the model accepted; `id` is the new contact's, when one was made. */
  commitAdd(owner: number, target: number, plan: AddPlan, id: ContactId | null): void {
    if (plan.status === "existing") return;
    if (id === null) throw new Error("an added contact needs its id");
    // R33: a contact past retention is purged when the person is added again.
    if (plan.replaces !== null) this.remove(plan.replaces);
    const t = this.member(target);
    const named = t.familyName !== null || t.givenName !== null;
    this.contacts.push({
      id,
      owner,
      target,
      profile: null,
      fields: {
        ...emptyFields,
        familyName: named ? t.familyName : t.displayName,
        givenName: named ? t.givenName : null,
      },
      sharing: { visibility: "private", coEditing: false },
      trash: null,
      version: 1,
      createdAt: this.clock,
      updatedAt: this.clock,
    });
  }

  /** R14, R22: a customer contact typed in by hand (limits are out of reach of short runs). */
  commitCustomer(owner: number, input: CustomerInput, id: ContactId): void {
    this.contacts.push({
      id,
      owner,
      target: null,
      profile: { nickname: null, company: input.company, photoUrl: null },
      fields: {
        ...emptyFields,
        familyName: input.familyName,
        givenName: input.givenName,
        phones: input.phone === null ? [] : [{ label: null, e164: e164Of(input.phone), raw: input.phone }],
        emails: [{ label: null, address: input.email }],
      },
      sharing: { visibility: "private", coEditing: false },
      trash: null,
      version: 1,
      createdAt: this.clock,
      updatedAt: this.clock,
    });
  }

  /** R13: the member's current QR token, if one was issued. */
  qrToken(member: number): string | undefined {
    return this.member(member).qrTokens.at(-1);
  }

  commitQrToken(member: number, token: string): void {
    this.member(member).qrTokens.push(token);
  }

  /** R13: the member whose CURRENT token this is; an older token finds nobody. */
  qrOwner(token: string): number | null {
    return this.members.find((m) => m.qrTokens.at(-1) === token)?.index ?? null;
  }

  // ── R26, R27: who sees and edits a contact ─────────────────────────────────────────────────

  /** R27: the owner, or (shared with the organisation) colleagues of the owner. */
  canSee(contact: ContactState, viewer: number): boolean {
    if (contact.owner === viewer) return true;
    if (this.member(contact.owner).organisation !== this.member(viewer).organisation) return false;
    return contact.sharing.visibility === "organisation";
  }

  canEdit(contact: ContactState, viewer: number): boolean {
    return contact.owner === viewer || (contact.sharing.coEditing && this.canSee(contact, viewer));
  }

  /** R31, R33, R27: the contact as one viewer may reach it; a trashed one only its owner. */
  reach(id: ContactId, viewer: number, trashed: "refuse" | "allow"): Expected<ContactState> {
    const contact = this.contact(id);
    if (contact === undefined || this.isGone(contact) || !this.canSee(contact, viewer))
      return refuse("NOT_FOUND");
    if (contact.trash !== null) {
      if (contact.owner !== viewer) return refuse("NOT_FOUND");
      if (trashed === "refuse") return refuse("IN_TRASH");
    }
    return accept(contact);
  }

  /** R26, R27: what `viewer`'s book lists: live contacts they own or that are shared with them. */
  book(viewer: number): ContactState[] {
    return this.contacts.filter(
      (contact) => contact.trash === null && !this.isGone(contact) && this.canSee(contact, viewer),
    );
  }

  /**
   * R26, R28: the viewer's book on one tab, narrowed to contacts whose names, readings,
   * nickname, company, department or memo contain the query (each field on its own).
   */
  find(viewer: number, tab: "customers" | "external", query: string): ContactState[] {
    const wanted = fold(query);
    return this.book(viewer).filter((contact) => {
      if (tab === "external" && contact.target === null) return false;
      if (wanted === "") return true;
      const shown = this.expectedContact(contact);
      const { fields } = shown;
      const profile = shown.kind === "linked" ? shown.synced : shown.profile;
      const joined = (a: string | null, b: string | null) => `${a ?? ""}${b ?? ""}`;
      return [
        fields.familyName,
        fields.givenName,
        joined(fields.familyName, fields.givenName),
        fields.familyNameReading,
        fields.givenNameReading,
        joined(fields.familyNameReading, fields.givenNameReading),
        profile.nickname,
        profile.company,
        fields.department,
        fields.memo,
      ].some((part) => part !== null && fold(part).includes(wanted));
    });
  }

  /** R32: the owner's trash, soonest gone first (purgeAt, then id). */
  trashOf(owner: number): ContactState[] {
    return this.contacts
      .filter((contact) => contact.owner === owner && contact.trash !== null && !this.isGone(contact))
      .sort((a, b) => {
        const at = (a.trash?.purgeAt.getTime() ?? 0) - (b.trash?.purgeAt.getTime() ?? 0);
        return at !== 0 ? at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
  }

  /** R3, R5, R31: what talk the viewer has through the contact. */
  talkAccess(contact: ContactState, viewer: number): TalkAccess {
    if (contact.trash !== null) return { canTalk: false, canViewHistory: false, reason: "in_trash" };
    if (contact.target === null) return { canTalk: false, canViewHistory: false, reason: "customer_contact" };
    if (!this.canLink(viewer, contact.target)) {
      return { canTalk: false, canViewHistory: true, reason: "linking_suspended" };
    }
    return { canTalk: true, canViewHistory: true, reason: "ok" };
  }

  /** The contact exactly as the API should return it; R23: synced from the live profile. */
  expectedContact(contact: ContactState): Contact {
    const owner = this.member(contact.owner);
    const base = {
      id: contact.id,
      ownerId: owner.id,
      organisationId: this.organisationOf(contact.owner).id,
      fields: contact.fields,
      groups: [],
      sharing: contact.sharing,
      trash: contact.trash,
      version: contact.version,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    };
    if (contact.target === null) {
      return {
        ...base,
        kind: "customer",
        profile: contact.profile ?? { nickname: null, company: null, photoUrl: null },
      };
    }
    const target = this.member(contact.target);
    return {
      ...base,
      kind: "linked",
      targetMemberId: target.id,
      targetOrganisationId: this.organisationOf(contact.target).id,
      synced: {
        nickname: target.nickname,
        company: this.organisationOf(contact.target).name,
        photoUrl: target.photoUrl,
      },
    };
  }
}
