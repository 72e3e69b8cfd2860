import type { ContactId, CustomerProfile, OwnerFields, Sharing, TrashState } from "../../../src/index.js";
import { BookModel } from "./book.js";
import {
  accept,
  type ContactState,
  type Expected,
  type FieldPatch,
  refuse,
  type SyncedTouch,
  sameValue,
} from "./state.js";
import { day } from "./world.js";

/** R21–R27: editing and sharing; R30–R34: the trash. */
export class ChangesModel extends BookModel {
  // ── R21–R25, R27: editing and sharing ──────────────────────────────────────────────────────

  /**
   * R24, R25: an edit of owner fields made on `expectedVersion`, perhaps naming a synced field
   * or (customers only) the profile. Answers the fields and profile after it, and whether it
   * changed anything (if not, the contact comes back as it was, at the same version).
   */
  edit(
    actor: number,
    id: ContactId,
    patch: FieldPatch,
    touch: SyncedTouch,
    company: string | null,
    expectedVersion: number,
  ): Expected<{ fields: OwnerFields; profile: CustomerProfile | null; changed: boolean }> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    const contact = reached.value;
    if (!this.canEdit(contact, actor)) return refuse("NOT_PERMITTED");
    if (touch !== "none" && contact.target !== null) return refuse("SYNCED_FIELD");
    if (touch === "nickname") return refuse("VALIDATION");
    if (contact.version !== expectedVersion) return refuse("CONFLICT");
    const fields: OwnerFields = {
      ...contact.fields,
      ...(patch.familyName === undefined ? {} : { familyName: patch.familyName }),
      ...(patch.memo === undefined ? {} : { memo: patch.memo === "" ? null : patch.memo }),
      ...(patch.tags === undefined ? {} : { tags: patch.tags }),
    };
    const profile =
      contact.profile !== null && touch === "profile.company"
        ? { ...contact.profile, company }
        : contact.profile;
    const changed = !sameValue(fields, contact.fields) || !sameValue(profile, contact.profile);
    if (!changed) return accept({ fields, profile, changed });
    // R22: a customer contact keeps a name (and, untouched here, its email).
    if (contact.target === null && fields.familyName === null && fields.givenName === null) {
      return refuse("VALIDATION");
    }
    return accept({ fields, profile, changed });
  }

  commitEdit(id: ContactId, fields: OwnerFields, profile: CustomerProfile | null): void {
    const contact = this.require(id);
    contact.fields = fields;
    contact.profile = profile;
    this.touch(contact);
  }

  /** R27: only the owner shares, on the version they read. */
  share(
    actor: number,
    id: ContactId,
    sharing: Sharing,
    expectedVersion: number,
  ): Expected<{ changed: boolean }> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    const contact = reached.value;
    if (contact.owner !== actor) return refuse("NOT_PERMITTED");
    if (contact.version !== expectedVersion) return refuse("CONFLICT");
    return accept({ changed: !sameValue(contact.sharing, sharing) });
  }

  commitShare(id: ContactId, sharing: Sharing): void {
    const contact = this.require(id);
    contact.sharing = sharing;
    this.touch(contact);
  }

  // ── R30–R34: trash ─────────────────────────────────────────────────────────────────────────

  /** R30, R31: only the owner moves a live contact to the trash. */
  trashDelete(actor: number, id: ContactId): Expected<TrashState> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    if (reached.value.owner !== actor) return refuse("NOT_PERMITTED");
    const retention = this.organisationOf(actor).trashRetentionDays;
    return accept({ trashedAt: this.clock, purgeAt: new Date(this.now + retention * day) });
  }

  commitDelete(id: ContactId, state: TrashState): void {
    const contact = this.require(id);
    contact.trash = state;
    this.touch(contact);
  }

  /** R32, R34: restore and purge take a trashed contact of the actor's that is not gone. */
  trashed(actor: number, id: ContactId): Expected<ContactState> {
    const reached = this.reach(id, actor, "allow");
    if (!reached.ok) return reached;
    if (reached.value.owner !== actor) return refuse("NOT_PERMITTED");
    if (reached.value.trash === null) return refuse("NOT_IN_TRASH");
    return reached;
  }

  commitRestore(id: ContactId): void {
    const contact = this.require(id);
    contact.trash = null;
    this.touch(contact);
  }

  commitPurge(id: ContactId): void {
    this.remove(this.require(id));
  }

  /** R33: every contact past retention is removed; answers how many. */
  commitPurgeExpired(): number {
    const due = this.contacts.filter((contact) => this.isGone(contact));
    for (const contact of due) this.remove(contact);
    return due.length;
  }

  /** The earliest instant after now at which something expires: a trashed contact or an invitation. */
  nextDeadline(): number | null {
    const instants = [
      ...this.contacts.flatMap((contact) =>
        contact.trash === null ? [] : [contact.trash.purgeAt.getTime()],
      ),
      ...this.invitations.map((invitation) => invitation.expiresAt.getTime()),
    ].filter((instant) => instant > this.now);
    return instants.length === 0 ? null : Math.min(...instants);
  }
}
