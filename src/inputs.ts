// The public inputs, written out. src/schemas.ts parses them; test/inputs.test.ts proves each
// type here accepts what its schema accepts, no more and no less. Spelled out rather than
// inferred (`z.input<…>`) so that a user's compiler never reads zod's declarations: they are
// heavy to check, and under some settings (`skipLibCheck: false` without `esModuleInterop`) they
// do not compile at all. Optional properties also take `undefined`, which every schema treats
// as absent: a user with `exactOptionalPropertyTypes` may pass a value that is maybe there.

/** A line of text that may be left out, or `null` to clear it. */
type OptionalText = string | null | undefined;

/** Input of `members.create` (and the first admin of `organisations.create`). */
export interface NewMemberInput {
  /** R7: letters, digits and `. _ - @`, up to 100 characters; unique, compared case-insensitively. */
  readonly worksId: string;
  readonly displayName: string;
  readonly familyName?: OptionalText;
  readonly givenName?: OptionalText;
  readonly nickname?: OptionalText;
  /** An http(s) URL. */
  readonly photoUrl?: OptionalText;
  /** R8: as typed; read in the book's `defaultRegion` unless it starts with `+`. */
  readonly mobilePhone?: OptionalText;
  readonly email?: OptionalText;
  /** R8: whether others may find this member by phone. Defaults to `false`. */
  readonly allowSearchByPhone?: boolean | undefined;
}

/** Input of `members.updateProfile`: any subset; `null` clears an optional field. */
export interface ProfilePatchInput {
  readonly displayName?: string | undefined;
  readonly familyName?: OptionalText;
  readonly givenName?: OptionalText;
  readonly nickname?: OptionalText;
  readonly photoUrl?: OptionalText;
  readonly mobilePhone?: OptionalText;
  readonly email?: OptionalText;
}

/** Input of `organisations.create`. */
export interface NewOrganisationInput {
  readonly name: string;
  /** Defaults to `free` (R1: linking on; R16: 500 contacts). */
  readonly plan?: "free" | "standard" | "advanced" | undefined;
  /** R32: days a trashed contact can be restored, 1–365. Defaults to 30. */
  readonly trashRetentionDays?: number | undefined;
  /** R20: days an invitation stays valid, 1–365. Defaults to 14. */
  readonly invitationExpiryDays?: number | undefined;
  readonly admin: NewMemberInput;
}

/** Input of `organisations.setLinkingPolicy`: any subset of the policy (R1–R4). */
export interface LinkingPolicyPatchInput {
  readonly enabled?: boolean | undefined;
  readonly scope?:
    | { readonly kind: "all" }
    | { readonly kind: "listed"; readonly members: readonly string[] }
    | undefined;
  readonly partners?:
    | { readonly kind: "any" }
    | { readonly kind: "allow"; readonly organisations: readonly string[] }
    | { readonly kind: "block"; readonly organisations: readonly string[] }
    | undefined;
}

/** A labelled value of a contact: an address, a website, a messenger, a custom field. */
export interface LabelledInput {
  readonly label?: OptionalText;
  readonly value: string;
}

/** R21, R24: the owner's own fields of a contact, each optional; `null` clears. */
export interface OwnerFieldsInput {
  readonly familyName?: OptionalText;
  readonly givenName?: OptionalText;
  readonly familyNameReading?: OptionalText;
  readonly givenNameReading?: OptionalText;
  readonly department?: OptionalText;
  readonly title?: OptionalText;
  readonly phones?: readonly { readonly label?: OptionalText; readonly number: string }[] | undefined;
  readonly emails?: readonly { readonly label?: OptionalText; readonly address: string }[] | undefined;
  readonly addresses?: readonly LabelledInput[] | undefined;
  readonly websites?: readonly LabelledInput[] | undefined;
  readonly messengers?: readonly LabelledInput[] | undefined;
  /** `YYYY-MM-DD`, or `--MM-DD` for a day without a year. */
  readonly dates?: readonly { readonly label: string; readonly date: string }[] | undefined;
  /** Up to 4,000 characters, kept as typed. */
  readonly memo?: OptionalText;
  readonly tags?: readonly string[] | undefined;
  readonly customFields?: readonly LabelledInput[] | undefined;
  /** The address-book groups the contact is filed under. */
  readonly groups?: readonly string[] | undefined;
}

/** A customer contact's nickname, company and photo: typed in by the owner (R14). */
export interface CustomerProfileInput {
  readonly nickname?: OptionalText;
  readonly company?: OptionalText;
  readonly photoUrl?: OptionalText;
}

/** Input of `contacts.addCustomer` (R14, R21); R22: a name, and a phone or an email. */
export interface NewCustomerInput extends OwnerFieldsInput, CustomerProfileInput {}

/**
 * Input of `contacts.edit` (R24, R25): any subset of the owner's fields; on a customer contact
 * also `profile`. R25 in the types: `nickname`, `company` and `photoUrl` are synced on a linked
 * contact, so a patch naming them does not compile (and is refused with SYNCED_FIELD at run time).
 */
export interface ContactPatchInput extends OwnerFieldsInput {
  readonly profile?: CustomerProfileInput | undefined;
  readonly nickname?: never;
  readonly company?: never;
  readonly photoUrl?: never;
}

/** Options of every change to an existing contact: the version it was made on (R25). */
export interface ExpectedVersion {
  readonly expectedVersion: number;
}

/** Input of `contacts.share` (R27): at most 500 members and groups together. */
export type SharingInput =
  | { readonly visibility: "private"; readonly coEditing?: boolean | undefined }
  | { readonly visibility: "organisation"; readonly coEditing?: boolean | undefined }
  | {
      readonly visibility: "members";
      readonly members?: readonly string[] | undefined;
      readonly groups?: readonly string[] | undefined;
      readonly coEditing?: boolean | undefined;
    };

/** Input of `groups.create`. */
export interface NewGroupInput {
  readonly name: string;
  readonly members?: readonly string[] | undefined;
}

/** Input of `contacts.list` (R26–R28). */
export interface BookQueryInput {
  /** Defaults to `customers`. */
  readonly tab?: "customers" | "external" | undefined;
  /** Japanese-aware text to look for; empty or blank for none. */
  readonly query?: string | undefined;
  /** Only the contacts filed under this group. */
  readonly group?: string | undefined;
  /** The `nextCursor` of the page before; `null` or left out for the first page. */
  readonly cursor?: string | null | undefined;
  /** 1–200 contacts per page. */
  readonly limit?: number | undefined;
}

/** Paging options of list operations. */
export interface PageInput {
  /** The `nextCursor` of the page before; `null` or left out for the first page. */
  readonly cursor?: string | null | undefined;
  /** 1–200 items per page. */
  readonly limit?: number | undefined;
}
