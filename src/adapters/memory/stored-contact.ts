import type { Contact, LinkedContact, OwnerFields, SyncedFields } from "../../domain/contact.js";
import type { Sharing } from "../../domain/sharing.js";
import { frozenCopy } from "./deep-freeze.js";

// Sharing without lists takes one of four values; every contact shares them rather than
// carrying its own copy.
const listless = new Map<string, Sharing>(
  (["private", "organisation"] as const).flatMap((visibility) =>
    [false, true].map((coEditing): [string, Sharing] => [
      `${visibility}${coEditing}`,
      Object.freeze({ visibility, coEditing }),
    ]),
  ),
);

function frozenSharing(next: Sharing, prev: Sharing | undefined): Sharing {
  if (next === prev || next.visibility === "members") return frozenCopy(next, prev);
  return listless.get(`${next.visibility}${next.coEditing}`) ?? frozenCopy(next, prev);
}

// A literal, like the contact: every field in the object itself.
function frozenFields(next: OwnerFields, prev: OwnerFields | undefined): OwnerFields {
  if (next === prev) return next;
  return Object.freeze({
    familyName: next.familyName,
    givenName: next.givenName,
    familyNameReading: next.familyNameReading,
    givenNameReading: next.givenNameReading,
    department: next.department,
    title: next.title,
    phones: frozenCopy(next.phones, prev?.phones),
    emails: frozenCopy(next.emails, prev?.emails),
    addresses: frozenCopy(next.addresses, prev?.addresses),
    websites: frozenCopy(next.websites, prev?.websites),
    messengers: frozenCopy(next.messengers, prev?.messengers),
    dates: frozenCopy(next.dates, prev?.dates),
    memo: next.memo,
    tags: frozenCopy(next.tags, prev?.tags),
    customFields: frozenCopy(next.customFields, prev?.customFields),
  });
}

/**
 * {@link frozenCopy} for the record the memory store holds most of, written out: an object
 * literal of known shape is about three times faster to build than a key-by-key copy, and a
 * profile sync builds one for every linked contact. Like a database row, it keeps the fields of
 * the record type and nothing else a caller may have attached.
 */
export function frozenContact(next: Contact, prev: Contact | undefined): Contact {
  const fields = frozenFields(next.fields, prev?.fields);
  const groups = frozenCopy(next.groups, prev?.groups);
  const sharing = frozenSharing(next.sharing, prev?.sharing);
  const trash = frozenCopy(next.trash, prev?.trash);
  const createdAt = frozenCopy(next.createdAt, prev?.createdAt);
  const updatedAt = frozenCopy(next.updatedAt, prev?.updatedAt);
  if (next.kind === "linked") {
    return Object.freeze({
      id: next.id,
      kind: next.kind,
      ownerId: next.ownerId,
      organisationId: next.organisationId,
      targetMemberId: next.targetMemberId,
      targetOrganisationId: next.targetOrganisationId,
      fields,
      synced: frozenCopy(next.synced, prev?.kind === "linked" ? prev.synced : undefined),
      groups,
      sharing,
      trash,
      version: next.version,
      createdAt,
      updatedAt,
    });
  }
  return Object.freeze({
    id: next.id,
    kind: next.kind,
    ownerId: next.ownerId,
    organisationId: next.organisationId,
    fields,
    profile: frozenCopy(next.profile, prev?.kind === "customer" ? prev.profile : undefined),
    groups,
    sharing,
    trash,
    version: next.version,
    createdAt,
    updatedAt,
  });
}

/**
 * R23: a stored linked contact with new synced values, built straight from the stored one (a
 * sync builds one for each of thousands of contacts, so no intermediate copy). `syncedFor`
 * gives the new synced part for the old one, so that contacts that showed the same share one.
 */
export function withSynced(
  stored: LinkedContact,
  syncedFor: (old: SyncedFields) => SyncedFields,
): LinkedContact {
  return Object.freeze({
    id: stored.id,
    kind: stored.kind,
    ownerId: stored.ownerId,
    organisationId: stored.organisationId,
    targetMemberId: stored.targetMemberId,
    targetOrganisationId: stored.targetOrganisationId,
    fields: stored.fields,
    synced: syncedFor(stored.synced),
    groups: stored.groups,
    sharing: stored.sharing,
    trash: stored.trash,
    version: stored.version,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  });
}

/**
 * The new synced part for each old one, with `change` applied, frozen, and shared by every
 * old part showing the same values (one sync: one target, one nickname and company for all).
 */
export function syncedParts(change: Partial<SyncedFields>): (old: SyncedFields) => SyncedFields {
  let last: { readonly old: SyncedFields; readonly next: SyncedFields } | null = null;
  return (old) => {
    if (
      last !== null &&
      last.old.nickname === old.nickname &&
      last.old.company === old.company &&
      last.old.photoUrl === old.photoUrl
    ) {
      return last.next;
    }
    const next: SyncedFields = Object.freeze({
      nickname: change.nickname !== undefined ? change.nickname : old.nickname,
      company: change.company !== undefined ? change.company : old.company,
      photoUrl: change.photoUrl !== undefined ? change.photoUrl : old.photoUrl,
    });
    last = { old, next };
    return next;
  };
}
