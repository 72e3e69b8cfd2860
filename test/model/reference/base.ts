import type { ContactId, MemberId, OrganisationId } from "../../../src/index.js";
import {
  type ContactState,
  defaultExpiryDays,
  defaultRetentionDays,
  type InvitationState,
  item,
  type MemberState,
  type OrganisationState,
} from "./state.js";
import { e164Of, type MemberSpec, type OrganisationSpec, start } from "./world.js";

/** What the model holds, and the look-ups and bookkeeping every rule below shares. */
export class ModelState {
  /** R17: whether the book was given a mailer. */
  readonly mailer: boolean;
  now: number = start.getTime();
  readonly organisations: OrganisationState[] = [];
  readonly members: MemberState[] = [];
  /** Contacts still stored, including those past retention that no clean-up removed yet. */
  readonly contacts: ContactState[] = [];
  /** Contacts removed for good (purged), with their owner: every read must say NOT_FOUND. */
  readonly removed: { readonly id: ContactId; readonly owner: number }[] = [];
  readonly invitations: InvitationState[] = [];
  /** Every invite URL ever handed out, working or not, with who handed it out. */
  readonly inviteUrls: { readonly url: string; readonly inviter: number }[] = [];

  constructor(options: { readonly mailer: boolean }) {
    this.mailer = options.mailer;
  }

  /** Registers an organisation created from `spec` (R1: free on, paid off; R32, R20 defaults). */
  addOrganisation(spec: OrganisationSpec, id: OrganisationId): OrganisationState {
    const organisation: OrganisationState = {
      index: this.organisations.length,
      id,
      name: spec.name,
      plan: spec.plan,
      enabled: spec.plan === "free",
      scope: { kind: "all" },
      partners: { kind: "any" },
      admins: [this.members.length],
      trashRetentionDays: spec.trashRetentionDays ?? defaultRetentionDays,
      invitationExpiryDays: spec.invitationExpiryDays ?? defaultExpiryDays,
      version: 1,
    };
    this.organisations.push(organisation);
    return organisation;
  }

  /** Registers a member of the last organisation added. */
  addMember(spec: MemberSpec, id: MemberId): MemberState {
    const member: MemberState = {
      index: this.members.length,
      id,
      organisation: this.organisations.length - 1,
      worksId: spec.worksId,
      displayName: spec.displayName,
      familyName: spec.familyName ?? null,
      givenName: spec.givenName ?? null,
      nickname: spec.nickname ?? null,
      photoUrl: spec.photoUrl ?? null,
      mobilePhone: spec.mobilePhone ? { raw: spec.mobilePhone, e164: e164Of(spec.mobilePhone) } : null,
      email: spec.email ?? null,
      allowSearchByPhone: spec.allowSearchByPhone ?? false,
      version: 1,
      qrTokens: [],
    };
    this.members.push(member);
    return member;
  }

  get clock(): Date {
    return new Date(this.now);
  }

  member(index: number): MemberState {
    return item(this.members, index);
  }

  organisation(index: number): OrganisationState {
    return item(this.organisations, index);
  }

  organisationOf(member: number): OrganisationState {
    return this.organisation(this.member(member).organisation);
  }

  contact(id: ContactId): ContactState | undefined {
    return this.contacts.find((contact) => contact.id === id);
  }

  /** Every contact id a command may name: stored ones, then removed ones. */
  contactIds(): ContactId[] {
    return [...this.contacts.map((contact) => contact.id), ...this.removed.map((gone) => gone.id)];
  }

  /** The member who owns (or owned) contact `id`. */
  ownerOf(id: ContactId): number {
    const owner = this.contact(id)?.owner ?? this.removed.find((gone) => gone.id === id)?.owner;
    if (owner === undefined) throw new Error(`no contact ${id} in the model`);
    return owner;
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────

  protected require(id: ContactId): ContactState {
    const contact = this.contact(id);
    if (contact === undefined) throw new Error(`no contact ${id} in the model`);
    return contact;
  }

  /** A change the owner made: a new version at this moment. */
  protected touch(contact: ContactState): void {
    contact.version += 1;
    contact.updatedAt = this.clock;
  }

  protected remove(contact: ContactState): void {
    this.contacts.splice(this.contacts.indexOf(contact), 1);
    this.removed.push({ id: contact.id, owner: contact.owner });
  }
}
