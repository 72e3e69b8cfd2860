import { searchTextOf, sortKeyOf } from "../../domain/address-book.js";
import type { Contact, CustomerProfile, OwnerFields, SyncedFields } from "../../domain/contact.js";
import type { Group } from "../../domain/group.js";
import type {
  ContactId,
  EventId,
  GroupId,
  InvitationId,
  MemberId,
  OrganisationId,
} from "../../domain/ids.js";
import type { Invitation, InvitationKind } from "../../domain/invitation.js";
import { type Member, normaliseWorksId } from "../../domain/member.js";
import type { LinkingPolicy, Organisation, Plan } from "../../domain/organisation.js";
import type { Sharing } from "../../domain/sharing.js";
import { eventSubject, type NewEvent, type PartnerbookEvent } from "../../events.js";

// Maps each record to the parameters of its row and back. A column list and the parameter list
// built for it are written side by side so that their orders cannot drift apart.

export type Row = Record<string, unknown>;

const dateTag = "$date";

/** JSON for a jsonb column; Dates become `{ "$date": ISO }` so that they come back as Dates. */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value, tagDate);
}

// A replacer rather than a copy of the value with its Dates swapped: a batch of a thousand events
// is serialised in a third of the time. It looks at the holder's own property, as `value` has
// already been through Date's toJSON.
function tagDate(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { [dateTag]: raw.toISOString() } : value;
}

/** A jsonb value as the driver parsed it, with tagged Dates revived. */
export function fromJsonb<T>(value: unknown): T {
  return untagDates(typeof value === "string" ? JSON.parse(value) : value) as T;
}

function untagDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untagDates);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first?.[0] === dateTag && typeof first[1] === "string")
    return new Date(first[1]);
  return Object.fromEntries(entries.map(([key, inner]) => [key, untagDates(inner)]));
}

export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const nullableDate = (value: unknown): Date | null => (value === null ? null : date(value));
export const text = (value: unknown) => value as string;
const nullableText = (value: unknown) => value as string | null;

/** How one kind of record is stored: its table, its columns and both directions of the mapping. */
export interface RecordCodec<T> {
  readonly table: string;
  readonly columns: readonly string[];
  /** The values of `columns`, in order; `::jsonb` casts are in `casts`. */
  params(record: T): unknown[];
  /** `$n` or `$n::jsonb` for each column. */
  readonly casts: readonly string[];
  read(row: Row): T;
}

function codec<T>(
  table: string,
  spec: readonly (readonly [column: string, jsonb: boolean])[],
  params: (record: T) => unknown[],
  read: (row: Row) => T,
): RecordCodec<T> {
  return {
    table,
    columns: spec.map(([column]) => column),
    casts: spec.map(([, jsonb], i) => (jsonb ? `$${i + 1}::jsonb` : `$${i + 1}`)),
    params,
    read,
  };
}

export const organisationCodec = codec<Organisation>(
  "partnerbook_organisations",
  [
    ["id", false],
    ["name", false],
    ["plan", false],
    ["linking", true],
    ["admins", true],
    ["trash_retention_days", false],
    ["invitation_expiry_days", false],
    ["version", false],
    ["created_at", false],
  ],
  (o) => [
    o.id,
    o.name,
    o.plan,
    toJsonb(o.linking),
    toJsonb(o.admins),
    o.trashRetentionDays,
    o.invitationExpiryDays,
    o.version,
    o.createdAt,
  ],
  (row) => ({
    id: text(row.id) as OrganisationId,
    name: text(row.name),
    plan: text(row.plan) as Plan,
    linking: fromJsonb<LinkingPolicy>(row.linking),
    admins: fromJsonb<MemberId[]>(row.admins),
    trashRetentionDays: Number(row.trash_retention_days),
    invitationExpiryDays: Number(row.invitation_expiry_days),
    version: Number(row.version),
    createdAt: date(row.created_at),
  }),
);

export const memberCodec = codec<Member>(
  "partnerbook_members",
  [
    ["id", false],
    ["organisation_id", false],
    ["works_id", false],
    ["works_id_key", false],
    ["display_name", false],
    ["family_name", false],
    ["given_name", false],
    ["nickname", false],
    ["photo_url", false],
    ["mobile_phone_e164", false],
    ["mobile_phone_raw", false],
    ["email", false],
    ["email_key", false],
    ["allow_search_by_phone", false],
    ["version", false],
    ["created_at", false],
  ],
  (m) => [
    m.id,
    m.organisationId,
    m.worksId,
    normaliseWorksId(m.worksId),
    m.displayName,
    m.familyName,
    m.givenName,
    m.nickname,
    m.photoUrl,
    m.mobilePhone?.e164 ?? null,
    m.mobilePhone?.raw ?? null,
    m.email,
    m.email?.toLowerCase() ?? null,
    m.allowSearchByPhone,
    m.version,
    m.createdAt,
  ],
  (row) => ({
    id: text(row.id) as MemberId,
    organisationId: text(row.organisation_id) as OrganisationId,
    worksId: text(row.works_id),
    displayName: text(row.display_name),
    familyName: nullableText(row.family_name),
    givenName: nullableText(row.given_name),
    nickname: nullableText(row.nickname),
    photoUrl: nullableText(row.photo_url),
    mobilePhone:
      row.mobile_phone_e164 === null
        ? null
        : { e164: text(row.mobile_phone_e164), raw: text(row.mobile_phone_raw) },
    email: nullableText(row.email),
    allowSearchByPhone: row.allow_search_by_phone === true,
    version: Number(row.version),
    createdAt: date(row.created_at),
  }),
);

export const groupCodec = codec<Group>(
  "partnerbook_groups",
  [
    ["id", false],
    ["organisation_id", false],
    ["name", false],
    ["members", true],
    ["created_by", false],
    ["version", false],
    ["created_at", false],
  ],
  (g) => [g.id, g.organisationId, g.name, toJsonb(g.members), g.createdBy, g.version, g.createdAt],
  (row) => ({
    id: text(row.id) as GroupId,
    organisationId: text(row.organisation_id) as OrganisationId,
    name: text(row.name),
    members: fromJsonb<MemberId[]>(row.members),
    createdBy: text(row.created_by) as MemberId,
    version: Number(row.version),
    createdAt: date(row.created_at),
  }),
);

// sort_key and search_text are derived with the domain's own functions on every write, so a
// book query in SQL orders and matches exactly as sortKeyOf and searchTextOf say.
export const contactCodec = codec<Contact>(
  "partnerbook_contacts",
  [
    ["id", false],
    ["kind", false],
    ["owner_id", false],
    ["organisation_id", false],
    ["target_member_id", false],
    ["target_organisation_id", false],
    ["fields", true],
    ["synced", true],
    ["profile", true],
    ["groups", true],
    ["sharing", true],
    ["visibility", false],
    ["trashed_at", false],
    ["purge_at", false],
    ["version", false],
    ["created_at", false],
    ["updated_at", false],
    ["sort_key", false],
    ["search_text", false],
  ],
  (c) => {
    const linked = c.kind === "linked";
    return [
      c.id,
      c.kind,
      c.ownerId,
      c.organisationId,
      linked ? c.targetMemberId : null,
      linked ? c.targetOrganisationId : null,
      toJsonb(c.fields),
      linked ? toJsonb(c.synced) : null,
      linked ? null : toJsonb(c.profile),
      toJsonb(c.groups),
      toJsonb(c.sharing),
      c.sharing.visibility,
      c.trash?.trashedAt ?? null,
      c.trash?.purgeAt ?? null,
      c.version,
      c.createdAt,
      c.updatedAt,
      sortKeyOf(c),
      searchTextOf(c),
    ];
  },
  (row) => {
    const base = {
      id: text(row.id) as ContactId,
      ownerId: text(row.owner_id) as MemberId,
      organisationId: text(row.organisation_id) as OrganisationId,
      fields: fromJsonb<OwnerFields>(row.fields),
      groups: fromJsonb<GroupId[]>(row.groups),
      sharing: fromJsonb<Sharing>(row.sharing),
      trash:
        row.trashed_at === null ? null : { trashedAt: date(row.trashed_at), purgeAt: date(row.purge_at) },
      version: Number(row.version),
      createdAt: date(row.created_at),
      updatedAt: date(row.updated_at),
    };
    return row.kind === "linked"
      ? {
          ...base,
          kind: "linked",
          targetMemberId: text(row.target_member_id) as MemberId,
          targetOrganisationId: text(row.target_organisation_id) as OrganisationId,
          synced: fromJsonb<SyncedFields>(row.synced),
        }
      : { ...base, kind: "customer", profile: fromJsonb<CustomerProfile>(row.profile) };
  },
);

export const invitationCodec = codec<Invitation>(
  "partnerbook_invitations",
  [
    ["id", false],
    ["kind", false],
    ["inviter_id", false],
    ["organisation_id", false],
    ["token_hash", false],
    ["email", false],
    ["created_at", false],
    ["expires_at", false],
    ["max_uses", false],
    ["uses", false],
    ["revoked_at", false],
    ["version", false],
  ],
  (i) => [
    i.id,
    i.kind,
    i.inviterId,
    i.organisationId,
    i.tokenHash,
    i.email,
    i.createdAt,
    i.expiresAt,
    i.maxUses,
    i.uses,
    i.revokedAt,
    i.version,
  ],
  (row) => ({
    id: text(row.id) as InvitationId,
    kind: text(row.kind) as InvitationKind,
    inviterId: text(row.inviter_id) as MemberId,
    organisationId: text(row.organisation_id) as OrganisationId,
    tokenHash: text(row.token_hash),
    email: nullableText(row.email),
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    maxUses: row.max_uses === null ? null : Number(row.max_uses),
    uses: Number(row.uses),
    revokedAt: nullableDate(row.revoked_at),
    version: Number(row.version),
  }),
);

/**
 * An event row besides its sequence, keyed by column, for `jsonb_to_recordset`: the type-specific
 * fields go in `payload`, and `subject_id` keys the events a member may read about themselves.
 * `at` is an ISO string, which the recordset reads as a timestamptz (a tagged Date it could not).
 */
export function eventRecord(event: NewEvent): Row {
  const { organisationId, id, at, actorId, type, ...payload } = event;
  return {
    organisation_id: organisationId,
    id,
    type,
    at: at.toISOString(),
    actor_id: actorId,
    payload,
    subject_id: eventSubject(event),
  };
}

export function readEvent(row: Row): PartnerbookEvent {
  return {
    ...fromJsonb<object>(row.payload),
    organisationId: text(row.organisation_id) as OrganisationId,
    id: text(row.id) as EventId,
    sequence: Number(row.sequence),
    at: date(row.at),
    actorId: nullableText(row.actor_id) as MemberId | null,
    type: text(row.type),
  } as PartnerbookEvent;
}
