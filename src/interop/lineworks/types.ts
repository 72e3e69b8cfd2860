import type { JsonExtra, JsonIssue } from "../json/issues.js";
import type { ContactRecord } from "../record.js";

// The LINE WORKS API 2.0 contact resource (POST/PUT /contacts, GET /contacts), as far as its
// pages show it (docs/interop.md lists which names are confirmed and which are taken from the
// legacy API): one place to change a name if the live API spells it otherwise.

/** Who sees a contact and may edit it (R27): LINE WORKS `permission`. */
export interface LineWorksPermission {
  readonly accessibleRange: "ALL" | "MEMBER";
  /** The contact's manager (master); required with `MEMBER`. */
  readonly masterUserId?: string | undefined;
  readonly isCoEditing?: boolean | undefined;
  /** Up to 500 users, org units or groups. */
  readonly accessibleMembers?: readonly { readonly id: string; readonly type: string }[] | undefined;
}

/** A typed value: `type` one of the list's enum values, or `CUSTOM` with the label in `customType`. */
export interface LineWorksTyped {
  readonly type: string;
  readonly customType?: string | undefined;
  readonly primary?: boolean | undefined;
}

/** `contactName`: the names, their readings (furigana) and the nickname. */
export interface LineWorksContactName {
  readonly lastName?: string | undefined;
  readonly firstName?: string | undefined;
  readonly phoneticLastName?: string | undefined;
  readonly phoneticFirstName?: string | undefined;
  readonly nickName?: string | undefined;
}

/** One of `organizations`: the company, with department and title. */
export interface LineWorksOrganization {
  readonly name?: string | undefined;
  readonly department?: string | undefined;
  readonly title?: string | undefined;
  readonly primary?: boolean | undefined;
}

/** The body of `POST /contacts` and `PUT /contacts/{contactId}`. */
export interface LineWorksContactBody {
  /** Required by the API; written only when the writer is given one (a record has no sharing). */
  readonly permission?: LineWorksPermission | undefined;
  readonly contactName: LineWorksContactName;
  readonly organizations?: readonly LineWorksOrganization[] | undefined;
  readonly telephones?: readonly (LineWorksTyped & { readonly telephone: string })[] | undefined;
  readonly emails?: readonly (LineWorksTyped & { readonly email: string })[] | undefined;
  readonly locations?: readonly (LineWorksTyped & { readonly address: string })[] | undefined;
  readonly websites?: readonly (LineWorksTyped & { readonly url: string })[] | undefined;
  readonly messengers?:
    | readonly {
        readonly protocol: { readonly type: string; readonly customType?: string | undefined };
        readonly id: string;
        readonly primary?: boolean | undefined;
      }[]
    | undefined;
  readonly events?: readonly (LineWorksTyped & { readonly date: string })[] | undefined;
  readonly memo?: string | undefined;
  readonly contactTagIds?: readonly string[] | undefined;
  /** A string, or the values of a multi-valued property. */
  readonly customProperties?: Readonly<Record<string, string | readonly string[]>> | undefined;
}

/** The external user behind an "external message contact" (a linked contact, R12). */
export interface LineWorksLinkedExternalUser {
  readonly id: string;
  /** `WORKS` for a LINE WORKS user of another company; another value for a LINE user. */
  readonly type: string;
  readonly buddyUserIds: readonly string[];
}

/**
 * The `ContactRecord` fields a LINE WORKS contact cannot carry: the photo (no field in the
 * body), group names (LINE WORKS has tags, not groups), R23 sync marks (a linked contact
 * cannot be created through the API; a read one gives its marks from `linkedExternalUser`),
 * and custom fields in general (only up to 5 custom properties the domain defined beforehand,
 * named `[A-Za-z_][A-Za-z0-9_]*`). Tags travel as tag ids when the writer and reader are given
 * the names of the tags.
 */
export const lineWorksCannotCarry = [
  "photo",
  "profile.photoUrl",
  "groupNames",
  "synced",
  "fields.customFields",
] as const;

/** LINE WORKS' own limits (the create page): items per list, memo, custom properties, sharing members. */
export const lineWorksLimits = {
  items: 100,
  memo: 4000,
  name: 100,
  customProperties: 5,
  accessibleMembers: 500,
} as const;

/** A contact that gave a record, with what could not be taken from it. */
export interface ReadLineWorksContact {
  readonly ok: true;
  /** Its place in the response's `contacts` (0 for a single contact). */
  readonly index: number;
  readonly contactId: string | null;
  readonly record: ContactRecord;
  /** R27: the contact's sharing as LINE WORKS gives it, or `null`. */
  readonly permission: LineWorksPermission | null;
  /** Set for an external message contact (a linked contact), `null` for a customer. */
  readonly linkedExternalUser: LineWorksLinkedExternalUser | null;
  readonly issues: readonly JsonIssue[];
  /** Properties partnerbook has no field for (`createdTime`, a second organisation…). */
  readonly extras: readonly JsonExtra[];
}

/** A value that gave no record. */
export interface FailedLineWorksContact {
  readonly ok: false;
  readonly index: number;
  readonly error: JsonIssue;
}

/** What a LINE WORKS reader gives for each contact. */
export type LineWorksEntry = ReadLineWorksContact | FailedLineWorksContact;
