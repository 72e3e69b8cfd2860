/** One step of the schema: statements run in order, in one transaction, recorded by `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** One SQL statement each (drivers' extended protocol runs one statement per query). */
  readonly statements: readonly string[];
}

// Every id and sort column is COLLATE "C": ordering by bytes of UTF-8 is ordering by code
// point, which is JavaScript's string order for every character partnerbook folds text into
// (the two differ only between U+E000–U+FFFF and astral characters).
//
// Real columns hold what a lookup filters or orders on; the rest of a record is jsonb.

const organisations = `
create table partnerbook_organisations (
  id text collate "C" primary key,
  name text not null,
  plan text not null check (plan in ('free', 'standard', 'advanced')),
  linking jsonb not null,
  admins jsonb not null check (jsonb_typeof(admins) = 'array'),
  trash_retention_days integer not null check (trash_retention_days between 1 and 365),
  invitation_expiry_days integer not null check (invitation_expiry_days between 1 and 365),
  version integer not null check (version >= 1),
  created_at timestamptz not null
)`;

// R7: works_id_key is normaliseWorksId(works_id) and email_key the lower-cased email, both
// computed by the adapter so that they match the domain's folding exactly (SQL's lower()
// depends on the database's locale).
const members = `
create table partnerbook_members (
  id text collate "C" primary key,
  organisation_id text collate "C" not null references partnerbook_organisations (id),
  works_id text not null,
  works_id_key text collate "C" not null,
  display_name text not null,
  family_name text,
  given_name text,
  nickname text,
  photo_url text,
  mobile_phone_e164 text collate "C",
  mobile_phone_raw text,
  email text,
  email_key text collate "C",
  allow_search_by_phone boolean not null,
  version integer not null check (version >= 1),
  created_at timestamptz not null,
  check ((mobile_phone_e164 is null) = (mobile_phone_raw is null)),
  check ((email is null) = (email_key is null))
)`;

const groups = `
create table partnerbook_groups (
  id text collate "C" primary key,
  organisation_id text collate "C" not null references partnerbook_organisations (id),
  name text collate "C" not null,
  members jsonb not null check (jsonb_typeof(members) = 'array'),
  created_by text collate "C" not null,
  version integer not null check (version >= 1),
  created_at timestamptz not null
)`;

// owner_id references members: R29 moves a departing member's contacts before deleting them.
// Targets, group creators and inviters may leave while others' records still name them, so
// those columns have no foreign key.
const contacts = `
create table partnerbook_contacts (
  id text collate "C" primary key,
  kind text not null check (kind in ('linked', 'customer')),
  owner_id text collate "C" not null references partnerbook_members (id),
  organisation_id text collate "C" not null references partnerbook_organisations (id),
  target_member_id text collate "C",
  target_organisation_id text collate "C" references partnerbook_organisations (id),
  fields jsonb not null,
  synced jsonb,
  profile jsonb,
  groups jsonb not null check (jsonb_typeof(groups) = 'array'),
  sharing jsonb not null,
  visibility text not null check (visibility in ('private', 'organisation', 'members')),
  trashed_at timestamptz,
  purge_at timestamptz,
  version integer not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sort_key text collate "C" not null,
  search_text text not null,
  check ((kind = 'linked') = (target_member_id is not null)),
  check ((kind = 'linked') = (target_organisation_id is not null)),
  check ((kind = 'linked') = (synced is not null)),
  check ((kind = 'customer') = (profile is not null)),
  check ((trashed_at is null) = (purge_at is null)),
  check (visibility = sharing ->> 'visibility'),
  check (coalesce(length(fields ->> 'memo'), 0) <= 4000)
)`;

const invitations = `
create table partnerbook_invitations (
  id text collate "C" primary key,
  kind text not null check (kind in ('email', 'link')),
  inviter_id text collate "C" not null,
  organisation_id text collate "C" not null references partnerbook_organisations (id),
  token_hash text collate "C" not null,
  email text collate "C",
  created_at timestamptz not null,
  expires_at timestamptz not null,
  max_uses integer check (max_uses >= 1),
  uses integer not null check (uses >= 0),
  revoked_at timestamptz,
  version integer not null check (version >= 1),
  check ((kind = 'email') = (email is not null))
)`;

// R35: the log is gap-free and in commit order. A sequence object would leave gaps on
// rollback and could commit 7 before 6, so a reader paging with `after` might skip 6; one
// counter row, locked by each appending transaction until it ends, gives both properties.
const eventCounter = `
create table partnerbook_event_counter (
  singleton boolean primary key default true check (singleton),
  last_sequence bigint not null check (last_sequence >= 0)
)`;

const events = `
create table partnerbook_events (
  sequence bigint primary key check (sequence >= 1),
  id text collate "C" not null,
  type text not null,
  at timestamptz not null,
  actor_id text collate "C",
  payload jsonb not null
)`;

/** The schema, oldest first. Only ever appended to: a shipped migration never changes. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "address book",
    statements: [
      organisations,
      members,
      "create unique index partnerbook_members_works_id on partnerbook_members (works_id_key)",
      `create index partnerbook_members_phone on partnerbook_members (mobile_phone_e164)
         where mobile_phone_e164 is not null`,
      "create index partnerbook_members_email on partnerbook_members (email_key) where email_key is not null",
      "create index partnerbook_members_organisation on partnerbook_members (organisation_id)",
      groups,
      "create index partnerbook_groups_organisation on partnerbook_groups (organisation_id, name, id)",
      "create index partnerbook_groups_members on partnerbook_groups using gin (members jsonb_path_ops)",
      contacts,
      // R15; owner_id leads, so this also serves every lookup by owner.
      `create unique index partnerbook_contacts_owner_target
         on partnerbook_contacts (owner_id, target_member_id)`,
      `create index partnerbook_contacts_target_member on partnerbook_contacts (target_member_id)
         where target_member_id is not null`,
      `create index partnerbook_contacts_target_organisation on partnerbook_contacts (target_organisation_id)
         where target_organisation_id is not null`,
      // R26: book pages in (sort_key, id) order, per owner and per organisation (R16 counts here too).
      `create index partnerbook_contacts_book_owner on partnerbook_contacts (owner_id, sort_key, id)
         where purge_at is null`,
      `create index partnerbook_contacts_book_organisation
         on partnerbook_contacts (organisation_id, sort_key, id) where purge_at is null`,
      // R32, R33: each owner's trash, and what is due for purging.
      `create index partnerbook_contacts_trash on partnerbook_contacts (owner_id, purge_at, id)
         where purge_at is not null`,
      `create index partnerbook_contacts_due on partnerbook_contacts (purge_at, id)
         where purge_at is not null`,
      "create index partnerbook_contacts_groups on partnerbook_contacts using gin (groups jsonb_path_ops)",
      "create index partnerbook_contacts_sharing on partnerbook_contacts using gin (sharing jsonb_path_ops)",
      invitations,
      "create unique index partnerbook_invitations_token_hash on partnerbook_invitations (token_hash)",
      // R17: one email invitation per inviter and address; link invitations have no email.
      `create unique index partnerbook_invitations_inviter_email
         on partnerbook_invitations (inviter_id, email)`,
      `create index partnerbook_invitations_inviter
         on partnerbook_invitations (inviter_id, created_at desc, id desc)`,
      `create table partnerbook_qr_codes (
         member_id text collate "C" primary key,
         token text collate "C" not null unique
       )`,
      eventCounter,
      "insert into partnerbook_event_counter (singleton, last_sequence) values (true, 0)",
      events,
    ],
  },
];

/** The tables partnerbook owns, children before parents. */
export const partnerbookTables = [
  "partnerbook_events",
  "partnerbook_event_counter",
  "partnerbook_qr_codes",
  "partnerbook_invitations",
  "partnerbook_contacts",
  "partnerbook_groups",
  "partnerbook_members",
  "partnerbook_organisations",
] as const;
