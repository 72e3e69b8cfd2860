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

// R16 under concurrency: each organisation's live contacts, kept by a trigger on every insert,
// delete and change of purge_at or organisation, so no path that makes a contact live or not
// live can forget it. `countActive` locks the row: the check and the add commit together.
const contactCounts = `
create table partnerbook_contact_counts (
  organisation_id text collate "C" primary key references partnerbook_organisations (id),
  live integer not null check (live >= 0)
)`;

// A change that moves no contact in or out of "live" leaves the row alone: an edit must not
// take the organisation's count (lock order: counts come before contacts).
const countLive = `
create function partnerbook_count_live() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.purge_at is null and (tg_op = 'DELETE'
      or new.purge_at is not null or new.organisation_id <> old.organisation_id) then
    update partnerbook_contact_counts set live = live - 1 where organisation_id = old.organisation_id;
  end if;
  if tg_op <> 'DELETE' and new.purge_at is null and (tg_op = 'INSERT'
      or old.purge_at is not null or new.organisation_id <> old.organisation_id) then
    insert into partnerbook_contact_counts as counts (organisation_id, live) values (new.organisation_id, 1)
      on conflict (organisation_id) do update set live = counts.live + 1;
  end if;
  return null;
end
$$`;

// R35 without a global lock: one log per organisation. Appending bumps the organisation's row
// of partnerbook_event_logs and holds it until commit, so within a log sequences are gap-free
// and commit in order, and organisations never wait on each other.
const eventLogs = `
create table partnerbook_event_logs (
  organisation_id text collate "C" primary key,
  last_sequence bigint not null check (last_sequence >= 1)
)`;

const organisationEvents = `
create table partnerbook_events (
  organisation_id text collate "C" not null,
  sequence bigint not null check (sequence >= 1),
  id text collate "C" not null,
  type text not null,
  at timestamptz not null,
  actor_id text collate "C",
  payload jsonb not null,
  primary key (organisation_id, sequence)
)`;

// The single log of version 1, split by the organisation each event is about. The old table
// stays, renamed, so that no event is lost even where no organisation can be found for it.
const splitEvents = `
insert into partnerbook_events (organisation_id, sequence, id, type, at, actor_id, payload)
select organisation_id, row_number() over (partition by organisation_id order by sequence),
       id, type, at, actor_id, payload - 'organisationId'
from (
  select e.*, coalesce(
    e.payload ->> 'organisationId',
    (select m.organisation_id from partnerbook_members m where m.id = e.payload ->> 'memberId'),
    (select c.organisation_id from partnerbook_contacts c where c.id = e.payload ->> 'contactId'),
    (select g.organisation_id from partnerbook_groups g where g.id = e.payload ->> 'groupId'),
    (select i.organisation_id from partnerbook_invitations i where i.id = e.payload ->> 'invitationId'),
    (select m.organisation_id from partnerbook_members m where m.id = e.payload ->> 'targetMemberId'),
    (select m.organisation_id from partnerbook_members m where m.id = e.actor_id)
  ) as organisation_id
  from partnerbook_events_v1 e
) as found
where organisation_id is not null`;

// R17 after commit: invitation mail, queued in the invitation's transaction, sent by
// deliverPending. One row per key; claimed rows are leased by pushing available_at ahead.
const outbox = `
create table partnerbook_outbox (
  key text collate "C" primary key,
  organisation_id text collate "C" not null,
  idempotency_key text collate "C" not null,
  mail jsonb not null,
  attempts integer not null check (attempts >= 0),
  available_at timestamptz not null,
  last_error text,
  created_at timestamptz not null
)`;

// R27 served by indexes: the keys under which a live contact appears in someone else's book
// besides its owner's and the organisation-wide ones — `member:<id>` and `group:<id>` for each
// member and group a contact with visibility "members" is shared with — and the address-book
// groups it is filed in (R24's filter), `filed:<group>`. The primary key walks one key's
// contacts in book order (R26), so a page reads a page's worth of rows per key, however large
// the organisation. Rows carry keys only; the contact stays the one source of what is shown.
const bookEntries = `
create table partnerbook_book_entries (
  organisation_id text collate "C" not null,
  entry text collate "C" not null,
  sort_key text collate "C" not null,
  contact_id text collate "C" not null,
  primary key (organisation_id, entry, sort_key, contact_id)
)`;

const bookEntriesOf = `
create function partnerbook_book_entries_of(visibility text, sharing jsonb, groups jsonb)
returns setof text language sql immutable parallel safe as $$
  select 'member:' || shared from jsonb_array_elements_text(
    case when visibility = 'members' then coalesce(sharing -> 'members', '[]') else '[]' end) as shared
  union
  select 'group:' || shared from jsonb_array_elements_text(
    case when visibility = 'members' then coalesce(sharing -> 'groups', '[]') else '[]' end) as shared
  union
  select 'filed:' || filed from jsonb_array_elements_text(groups) as filed
$$`;

// In the contact's own transaction, so the entries can never disagree with it. A change that
// moves no key (an edit of a memo, a sync) costs one comparison.
const keepBookEntries = `
create function partnerbook_keep_book_entries() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.purge_at is null and new.purge_at is null
      and new.sort_key = old.sort_key and new.visibility = old.visibility
      and new.sharing = old.sharing and new.groups = old.groups
      and new.organisation_id = old.organisation_id then
    return null;
  end if;
  if tg_op <> 'INSERT' and old.purge_at is null then
    delete from partnerbook_book_entries as e
      using partnerbook_book_entries_of(old.visibility, old.sharing, old.groups) as k(entry)
      where e.organisation_id = old.organisation_id and e.entry = k.entry
        and e.sort_key = old.sort_key and e.contact_id = old.id;
  end if;
  if tg_op <> 'DELETE' and new.purge_at is null then
    insert into partnerbook_book_entries (organisation_id, entry, sort_key, contact_id)
      select new.organisation_id, k.entry, new.sort_key, new.id
      from partnerbook_book_entries_of(new.visibility, new.sharing, new.groups) as k(entry);
  end if;
  return null;
end
$$`;

// R28 served by an index. Japanese names are two-character kanji (山田) or short kana runs: too
// short for trigrams, and pg_trgm drops what the locale does not call alphanumeric. So the
// folded search text is cut into its 1- and 2-character grams. No extension: PGlite has the
// same. The grams only narrow the candidates; position() stays the match, so the semantics are
// R28's exactly. Each gram leads with 4 hex digits of its organisation's hash: a common gram's
// posting list holds about one organisation's contacts, not every tenant's (a shared prefix
// only adds candidates, which the organisation check drops). Built from C string functions in
// one expression, which the planner inlines: a loop or a set-returning cut cost 3–7 times as
// much per contact, on every write. Bigrams: each character doubled, the first dropped, then
// cut after every pair — "abc" → "aabbcc" → "abbcc" → ab, bc, c. Unigrams of the field
// separator are left out; bigrams that hold it stay in, and no query holds it.
const grams = `
create function partnerbook_grams(organisation_id text, folded text) returns text[]
language sql immutable parallel safe as $$
  select string_to_array(
    left(md5(organisation_id), 4)
      || regexp_replace(replace(folded, chr(1), ''), '(.)(?=.)', '\\1' || chr(2) || left(md5(organisation_id), 4), 'g')
      || chr(2) || left(md5(organisation_id), 4)
      || regexp_replace(substr(regexp_replace(folded, '(.)', '\\1\\1', 'g'), 2), '(..)',
           '\\1' || chr(2) || left(md5(organisation_id), 4), 'g'),
    chr(2))
$$`;

// What a query needs of a contact's grams: its one character, or each of its bigrams (its
// unigrams add nothing a bigram does not imply, and are the longest posting lists).
const queryGrams = `
create function partnerbook_query_grams(organisation_id text, folded text) returns text[]
language sql immutable parallel safe as $$
  select case when length(folded) = 1 then array[left(md5(organisation_id), 4) || folded]
    else string_to_array(left(md5(organisation_id), 4) || regexp_replace(
      substr(regexp_replace(folded, '(.)', '\\1\\1', 'g'), 2, 2 * length(folded) - 2),
      '(..)(?=.)', '\\1' || chr(2) || left(md5(organisation_id), 4), 'g'), chr(2)) end
$$`;

// An import (contacts.import) takes a record for a contact already in the owner's book when they
// share a phone or an email. The contact points of each contact — `tel:` and its E.164 number,
// `mail:` and its address with ASCII letters lower-cased (`emailKey`: translate, not lower(),
// whose answer depends on the database's locale) — each behind its owner's id, so one GIN index
// finds a record's matches in one owner's book, trashed contacts too, without a walk of it. The
// adapter builds the keys it looks up the same way (contactPointLookup).
const contactPoints = `
create function partnerbook_contact_points(owner_id text, fields jsonb) returns text[]
language sql immutable parallel safe as $$
  select array(
    select owner_id || chr(1) || 'tel:' || (phone ->> 'e164')
    from jsonb_array_elements(fields -> 'phones') as phone
    union
    select owner_id || chr(1) || 'mail:'
      || translate(email ->> 'address', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
    from jsonb_array_elements(fields -> 'emails') as email)
$$`;

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
  {
    version: 2,
    name: "concurrency: contact counts, one event log per organisation, mail outbox",
    statements: [
      contactCounts,
      `insert into partnerbook_contact_counts (organisation_id, live)
         select o.id, (select count(*) from partnerbook_contacts c
                       where c.organisation_id = o.id and c.purge_at is null)
         from partnerbook_organisations o`,
      countLive,
      `create trigger partnerbook_contacts_count_live
         after insert or update or delete on partnerbook_contacts
         for each row execute function partnerbook_count_live()`,
      "alter table partnerbook_events rename to partnerbook_events_v1",
      "alter index partnerbook_events_pkey rename to partnerbook_events_v1_pkey",
      eventLogs,
      organisationEvents,
      splitEvents,
      `insert into partnerbook_event_logs (organisation_id, last_sequence)
         select organisation_id, max(sequence) from partnerbook_events group by organisation_id`,
      "drop table partnerbook_event_counter",
      outbox,
      "create index partnerbook_outbox_due on partnerbook_outbox (available_at, key)",
    ],
  },
  {
    version: 3,
    name: "reads by actor: QR tokens kept as hashes, member pages, events by subject",
    statements: [
      // R13, R20: a QR code is its generation and its token's hash; the token itself is derived
      // from the app's secret when shown. Codes issued before keep working (hashed here) until
      // the member's code is next shown or re-issued.
      `alter table partnerbook_qr_codes add column generation integer not null default 0
         check (generation >= 0), add column token_hash text collate "C"`,
      `update partnerbook_qr_codes set token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')`,
      "alter table partnerbook_qr_codes alter column token_hash set not null, drop column token",
      "alter table partnerbook_qr_codes alter column generation drop default",
      "create unique index partnerbook_qr_codes_token_hash on partnerbook_qr_codes (token_hash)",
      // A member's organisation, paged in id order.
      "create index partnerbook_members_organisation_id on partnerbook_members (organisation_id, id)",
      "drop index partnerbook_members_organisation",
      // A member reads the events about them (eventSubject): their contacts, their profile.
      `alter table partnerbook_events add column subject_id text collate "C"`,
      `update partnerbook_events e set subject_id = coalesce(
         e.payload ->> 'ownerId',
         (select c.owner_id from partnerbook_contacts c where c.id = e.payload ->> 'contactId'),
         case when e.type in ('member_created', 'member_profile_changed', 'phone_search_changed',
                              'qr_code_issued') then e.payload ->> 'memberId' end)`,
      `create index partnerbook_events_subject on partnerbook_events (organisation_id, subject_id, sequence)
         where subject_id is not null`,
    ],
  },
  {
    version: 4,
    name: "book pages and text search served by indexes",
    statements: [
      bookEntries,
      bookEntriesOf,
      keepBookEntries,
      `create trigger partnerbook_contacts_book_entries
         after insert or update or delete on partnerbook_contacts
         for each row execute function partnerbook_keep_book_entries()`,
      `insert into partnerbook_book_entries (organisation_id, entry, sort_key, contact_id)
         select c.organisation_id, k.entry, c.sort_key, c.id from partnerbook_contacts c
         cross join lateral partnerbook_book_entries_of(c.visibility, c.sharing, c.groups) as k(entry)
         where c.purge_at is null`,
      // R27: the organisation-wide contacts, in book order. It replaces the walk of the whole
      // organisation, which in a company of private books read most of it to fill one page.
      `create index partnerbook_contacts_book_organisation_wide
         on partnerbook_contacts (organisation_id, sort_key, id)
         where purge_at is null and visibility = 'organisation'`,
      "drop index partnerbook_contacts_book_organisation",
      grams,
      queryGrams,
      `create index partnerbook_contacts_grams on partnerbook_contacts
         using gin (partnerbook_grams(organisation_id, search_text)) where purge_at is null`,
    ],
  },
  {
    version: 5,
    name: "contacts found by phone and email in their owner's book",
    statements: [
      contactPoints,
      // fastupdate off: an import looks up right after it writes, record after record, and a
      // pending list would be scanned whole by every lookup; a contact has two or three keys,
      // so writing them straight into the index costs each insert little.
      `create index partnerbook_contacts_contact_points on partnerbook_contacts
         using gin (partnerbook_contact_points(owner_id, fields)) with (fastupdate = off)`,
    ],
  },
];

/** The tables partnerbook owns, children before parents. */
export const partnerbookTables = [
  "partnerbook_outbox",
  "partnerbook_events",
  "partnerbook_events_v1",
  "partnerbook_event_logs",
  "partnerbook_contact_counts",
  "partnerbook_qr_codes",
  "partnerbook_invitations",
  "partnerbook_book_entries",
  "partnerbook_contacts",
  "partnerbook_groups",
  "partnerbook_members",
  "partnerbook_organisations",
] as const;
