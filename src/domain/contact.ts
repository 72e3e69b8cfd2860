import type { ContactId, GroupId, MemberId, OrganisationId } from "./ids.js";
import type { Member } from "./member.js";
import type { Sharing } from "./sharing.js";

/** A phone on a contact: matched by E.164, shown as typed. */
export interface ContactPhone {
  readonly label: string | null;
  readonly e164: string;
  readonly raw: string;
}

/** An email on a contact, shown as typed (matching lower-cases it). */
export interface ContactEmail {
  readonly label: string | null;
  readonly address: string;
}

/** A labelled free-text value: an address, a website, an SNS handle, a custom field. */
export interface LabelledValue {
  readonly label: string | null;
  readonly value: string;
}

/** A date worth remembering: `YYYY-MM-DD`, or `--MM-DD` when the year is unknown. */
export interface ContactDate {
  readonly label: string;
  readonly date: string;
}

/**
 * R24: the owner's own data on every contact. Sync never writes here; only the owner (and,
 * when shared for co-editing, co-editors) do.
 */
export interface OwnerFields {
  readonly familyName: string | null;
  readonly givenName: string | null;
  readonly familyNameReading: string | null;
  readonly givenNameReading: string | null;
  readonly department: string | null;
  readonly title: string | null;
  readonly phones: readonly ContactPhone[];
  readonly emails: readonly ContactEmail[];
  readonly addresses: readonly LabelledValue[];
  readonly websites: readonly LabelledValue[];
  readonly messengers: readonly LabelledValue[];
  readonly dates: readonly ContactDate[];
  readonly memo: string | null;
  readonly tags: readonly string[];
  readonly customFields: readonly LabelledValue[];
}

/** R23: the part of a linked contact that follows the external user's own profile. */
export interface SyncedFields {
  readonly nickname: string | null;
  readonly company: string;
  readonly photoUrl: string | null;
}

/** The same three facts on a customer contact, where the owner types them in (R14). */
export interface CustomerProfile {
  readonly nickname: string | null;
  readonly company: string | null;
  readonly photoUrl: string | null;
}

/** R31–R33: when a contact went to the trash and when it is gone for good. */
export interface TrashState {
  readonly trashedAt: Date;
  readonly purgeAt: Date;
}

interface ContactBase {
  readonly id: ContactId;
  /** The member who registered the contact (the "master"). */
  readonly ownerId: MemberId;
  /** The owner's organisation: limits (R16) and sharing are counted here. */
  readonly organisationId: OrganisationId;
  readonly fields: OwnerFields;
  /** R24, R27: the address-book groups the contact is in — the owner's data, not synced. */
  readonly groups: readonly GroupId[];
  /** R27: who else sees it and whether they may edit it. */
  readonly sharing: Sharing;
  readonly trash: TrashState | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A contact that points at an external user's live profile (R12, R23). */
export interface LinkedContact extends ContactBase {
  readonly kind: "linked";
  readonly targetMemberId: MemberId;
  readonly targetOrganisationId: OrganisationId;
  readonly synced: Readonly<SyncedFields>;
}

/** A contact typed in by hand, linked to nobody (R14). */
export interface CustomerContact extends ContactBase {
  readonly kind: "customer";
  readonly profile: CustomerProfile;
}

/** An entry in a member's customers/partners address book (顧客/取引先). */
export type Contact = LinkedContact | CustomerContact;

/** Owner fields with every value empty; the starting point of a new contact. */
export const emptyOwnerFields: OwnerFields = {
  familyName: null,
  givenName: null,
  familyNameReading: null,
  givenNameReading: null,
  department: null,
  title: null,
  phones: [],
  emails: [],
  addresses: [],
  websites: [],
  messengers: [],
  dates: [],
  memo: null,
  tags: [],
  customFields: [],
};

/**
 * R24: a linked contact starts with the names the external user shows, as the owner's own
 * copy; from then on the owner edits them and sync leaves them alone.
 */
export function ownerFieldsFromProfile(member: Member): OwnerFields {
  const named = member.familyName !== null || member.givenName !== null;
  return {
    ...emptyOwnerFields,
    familyName: named ? member.familyName : member.displayName,
    givenName: named ? member.givenName : null,
  };
}

/** R23: the synced part of a linked contact, read from the target's profile right now. */
export function syncedFieldsOf(member: Member, organisationName: string): SyncedFields {
  return { nickname: member.nickname, company: organisationName, photoUrl: member.photoUrl };
}

/** R33: past `purgeAt` a trashed contact no longer exists for any read, cleaned up or not. */
export function isGone(contact: Contact, now: Date): boolean {
  return contact.trash !== null && now.getTime() >= contact.trash.purgeAt.getTime();
}
