import { type BookPosition, searchFieldSeparator } from "../../domain/address-book.js";
import type { Contact, LinkedContact } from "../../domain/contact.js";
import { type ContactPoints, contactPointKeys } from "../../domain/contact-points.js";
import { foldForSearch } from "../../domain/folding.js";
import type { ContactId, MemberId, OrganisationId } from "../../domain/ids.js";
import type {
  BookPage,
  BookQuery,
  ContactRepository,
  DueDeletion,
  TrashPosition,
} from "../../ports/store.js";
import { contactCodec, date, type Row, text, toJsonb } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { deleteRecord, getById, insertRecord, select, selectRecords, updateRecord } from "./statements.js";

const table = contactCodec.table;

/** Collects parameters and hands back their `$n` placeholders, for statements built in parts. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * R27 as SQL for a contact row `c`, the same rule as `canSee`: the owner sees their contact;
 * others only inside the owner's organisation, as its visibility says.
 */
function visibleTo(member: string, organisation: string, groups: string): string {
  return `(c.organisation_id = ${organisation} and (
    c.owner_id = ${member}
    or c.visibility = 'organisation'
    or (c.visibility = 'members' and (
      c.sharing -> 'members' ? ${member}
      or c.sharing -> 'groups' ?| ${groups}::text[]))))`;
}

const pageOrder = "order by c.sort_key, c.id";

/**
 * R26–R28 in one statement that an index serves for any viewer and any mix of visibilities: the
 * viewer's book is a union of branches, each walking an index in book order and stopping after
 * a page — their own contacts, the organisation-wide ones, and the entries (partnerbook_book_entries)
 * of each member or group key they hold; a group filter walks that group's entries alone
 * (docs/scaling.md). A text query is answered from the gram index ({@link matchingPage}).
 */
async function listBook(sql: SqlQueryable, query: BookQuery): Promise<BookPage> {
  const filters: string[] = [];
  if (query.tab === "external") filters.push("c.kind = 'linked'");
  // Every text holds the empty query: it pages like no query at all.
  if (query.text !== null && query.text !== "") return matchingPage(sql, query, query.text, filters);
  const params = new Params();
  const { viewer } = query;
  const member = params.add(viewer.memberId);
  const organisation = params.add(viewer.organisationId);
  const limit = params.add(query.limit + 1);
  let after = "";
  let entryAfter = "";
  if (query.after !== null) {
    const sortKey = params.add(query.after.sortKey);
    const id = params.add(query.after.id);
    after = ` and (c.sort_key, c.id) > (${sortKey}::text, ${id}::text)`;
    entryAfter = ` and (e.sort_key, e.contact_id) > (${sortKey}::text, ${id}::text)`;
  }
  const conditions = filters.map((filter) => ` and ${filter}`).join("");
  const filtered = conditions + after;
  // An entry is written with its contact, by trigger, in the same transaction: a `member:` or
  // `group:` entry is a live contact shared that way (R27 needs no second look), a `filed:` one
  // only says where the contact is filed, so `check` adds R27 for it. Conditions the walk does
  // not need are left out: each would offer the planner a plan that reads every match and sorts.
  const entries = (keys: string, check: string) =>
    `select c.id, c.sort_key from unnest(${keys}::text[]) as k(entry) cross join lateral (
       select c.id, c.sort_key from partnerbook_book_entries e
       join ${table} c on c.id = e.contact_id
       where e.organisation_id = ${organisation} and e.entry = k.entry${check}${conditions}${entryAfter}
       order by e.sort_key, e.contact_id limit ${limit}) as c`;
  // The branches overlap (the viewer's own contacts shared organisation-wide are in two): a
  // walk told to step over the viewer's own would read all of them in a book one member owns,
  // so `distinct` drops the overlap instead.
  const branches =
    query.group !== null
      ? [
          entries(
            params.add([`filed:${query.group}`]),
            ` and ${visibleTo(member, organisation, params.add([...viewer.groupIds]))}`,
          ),
        ]
      : [
          `select c.id, c.sort_key from ${table} c
           where c.owner_id = ${member} and c.organisation_id = ${organisation} and c.purge_at is null
           ${filtered} ${pageOrder} limit ${limit}`,
          `select c.id, c.sort_key from ${table} c
           where c.organisation_id = ${organisation} and c.visibility = 'organisation'
             and c.purge_at is null${filtered} ${pageOrder} limit ${limit}`,
          entries(
            params.add([`member:${viewer.memberId}`, ...[...viewer.groupIds].map((id) => `group:${id}`)]),
            "",
          ),
        ];
  return pageOf(
    await select(
      sql,
      `with page as (
       select distinct id, sort_key from (${branches.map((branch) => `(${branch})`).join(" union all ")}) as b
       order by sort_key, id limit ${limit}
     )
     select ${columns} from page join ${table} c on c.id = page.id ${pageOrder}`,
      params.values,
    ),
    query.limit,
  );
}

const columns = contactCodec.columns.map((column) => `c.${column}`).join(", ");

/**
 * R28: a text query. Names cluster in book order — every わたなべ sorts together, late — so a
 * walk in book order may read most of the book before it finds a page of them. The gram index
 * finds the candidates wherever they sort (a query nothing matches reads nothing), position()
 * keeps the ones that hold the query, R27 the ones the viewer may see, and those are sorted:
 * the cost follows the matches, which R16 bounds per organisation, not the book's size.
 */
async function matchingPage(
  sql: SqlQueryable,
  query: BookQuery,
  text: string,
  filters: string[],
): Promise<BookPage> {
  const params = new Params();
  const { viewer } = query;
  const member = params.add(viewer.memberId);
  const organisation = params.add(viewer.organisationId);
  const folded = params.add(text);
  const where = [
    `c.organisation_id = ${organisation}`,
    "c.purge_at is null",
    `partnerbook_grams(c.organisation_id, c.search_text) @> partnerbook_query_grams(${organisation}, ${folded}::text)`,
    // position(), not LIKE: the folded query may hold % or _, and needs no escaping this way.
    `position(${folded}::text in c.search_text) > 0`,
    visibleTo(member, organisation, params.add([...viewer.groupIds])),
    ...filters,
  ];
  if (query.group !== null) where.push(`c.groups @> jsonb_build_array(${params.add(query.group)}::text)`);
  if (query.after !== null) {
    where.push(
      `(c.sort_key, c.id) > (${params.add(query.after.sortKey)}::text, ${params.add(query.after.id)}::text)`,
    );
  }
  const rows = await select(
    sql,
    `select ${columns} from ${table} c where ${where.join(" and ")} ${pageOrder} limit ${params.add(query.limit + 1)}`,
    params.values,
  );
  return pageOf(rows, query.limit);
}

/** The first `limit` rows as contacts, and where the next page starts if there is one more. */
function pageOf(rows: readonly Row[], limit: number): BookPage {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next: BookPosition | null =
    rows.length > limit && last !== undefined
      ? { sortKey: last.sort_key as string, id: last.id as ContactId }
      : null;
  return { items: items.map(contactCodec.read), next };
}

async function listTrash(
  sql: SqlQueryable,
  ownerId: MemberId,
  page: { readonly after: TrashPosition | null; readonly limit: number },
): Promise<{ readonly items: readonly Contact[]; readonly next: TrashPosition | null }> {
  const params = new Params();
  const where = [`owner_id = ${params.add(ownerId)}`, "purge_at is not null"];
  if (page.after !== null) {
    where.push(
      `(purge_at, id) > (${params.add(page.after.purgeAt)}::timestamptz, ${params.add(page.after.id)}::text)`,
    );
  }
  const rows = await selectRecords(
    sql,
    contactCodec,
    `where ${where.join(" and ")} order by purge_at, id limit ${params.add(page.limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const next: TrashPosition | null =
    rows.length > page.limit && last?.trash ? { purgeAt: last.trash.purgeAt, id: last.id } : null;
  return { items, next };
}

// searchTextOf ends with the shown nickname and company, in that order, each folded and behind
// the field separator (which no folded text contains). A sync swaps those last fields in SQL,
// with the new text folded once here: no contact travels to the app and back.
const sep = searchFieldSeparator;
const lastField = `[^${sep}]*$`;
const lastTwoFields = `[^${sep}]*(${sep}[^${sep}]*)$`;
/** `text` as a regexp_replace replacement that inserts it literally. */
const literally = (text: string) => text.replaceAll("\\", "\\\\");

/**
 * R23: sets `synced` on the linked contacts `where` selects and rewrites the end of their
 * search_text with `pattern` → `replacement`, in one statement. Versions stay: sync is not an
 * edit. The contacts are locked in id order first, as every use-case locks contacts: two syncs
 * over the same contacts (a rename and a member's own change) queue instead of deadlocking.
 */
async function resync(
  sql: SqlQueryable,
  where: string,
  param: string,
  synced: Partial<LinkedContact["synced"]>,
  pattern: string,
  replacement: string,
): Promise<number> {
  const [row] = await select(
    sql,
    `with locked as (select id from ${table} ${where} and kind = 'linked' order by id for update),
     changed as (
       update ${table} as c set synced = c.synced || $2::jsonb,
         search_text = regexp_replace(c.search_text, $3, $4)
       from locked where c.id = locked.id returning 1
     )
     select count(*)::integer as count from changed`,
    [param, toJsonb(synced), pattern, replacement],
  );
  return Number(row?.count ?? 0);
}

/**
 * R33: one statement. The due contacts are claimed with SKIP LOCKED, so clean-ups side by side
 * each take their own; one more than `limit` is claimed, and kept, to tell whether more are due
 * without another statement (the next batch takes it).
 */
async function deleteDue(sql: SqlQueryable, now: Date, limit: number): Promise<DueDeletion> {
  const rows = await select(
    sql,
    `with due as (
       select id, purge_at from ${table} where purge_at <= $1
       order by purge_at, id limit $2 + 1 for update skip locked
     )
     delete from ${table} where id in (select id from due order by purge_at, id limit $2)
     returning id, organisation_id, owner_id, purge_at, (select count(*) from due) > $2 as more`,
    [now, limit],
  );
  // RETURNING follows no order: put them back in the port's.
  rows.sort(
    (a, b) => Number(date(a.purge_at)) - Number(date(b.purge_at)) || (text(a.id) < text(b.id) ? -1 : 1),
  );
  const removed = rows.map((row) => ({
    id: text(row.id) as ContactId,
    organisationId: text(row.organisation_id) as OrganisationId,
    ownerId: text(row.owner_id) as MemberId,
  }));
  return { removed, more: rows[0]?.more === true };
}

/**
 * The keys `partnerbook_contact_points` (migration 5) gives a contact of `ownerId` with these
 * points: what the GIN index is looked up by.
 */
const contactPointLookup = (ownerId: MemberId, points: ContactPoints): string[] =>
  contactPointKeys(points).map((key) => `${ownerId}\u0001${key}`);

/** Updates the rows `where` selects with `set`, locking them in id order first, and counts them. */
async function countUpdated(sql: SqlQueryable, set: string, where: string, params: unknown[]) {
  return (
    await select(
      sql,
      `with locked as (select id from ${table} where ${where} order by id for update)
       update ${table} set ${set} from locked where ${table}.id = locked.id returning ${table}.id`,
      params,
    )
  ).length;
}

/** The contact repository of one transaction. */
export function contactRepository(sql: SqlQueryable): ContactRepository {
  return {
    get: (id, options) => getById(sql, contactCodec, id, options),
    findByOwnerAndTarget: async (ownerId, targetMemberId) =>
      (
        await selectRecords(sql, contactCodec, "where owner_id = $1 and target_member_id = $2", [
          ownerId,
          targetMemberId,
        ])
      )[0] ?? null,
    findByOwnerAndContactPoints: async (ownerId, points) => {
      const keys = contactPointLookup(ownerId, points);
      if (keys.length === 0) return [];
      // The expression exactly as indexed; the owner is inside each key.
      return selectRecords(
        sql,
        contactCodec,
        "where partnerbook_contact_points(owner_id, fields) && $1::text[] order by id",
        [keys],
      );
    },
    // R16: the count the trigger keeps, locked until commit. An organisation that never had a
    // contact may have no row yet: the upsert makes one, and locks it just the same.
    countActive: async (organisationId) => {
      const [held] = await select(
        sql,
        "select live from partnerbook_contact_counts where organisation_id = $1 for update",
        [organisationId],
      );
      if (held !== undefined) return Number(held.live);
      const [made] = await select(
        sql,
        `insert into partnerbook_contact_counts as counts (organisation_id, live) values ($1, 0)
         on conflict (organisation_id) do update set live = counts.live returning live`,
        [organisationId],
      );
      return Number(made?.live ?? 0);
    },
    listBook: (query) => listBook(sql, query),
    listTrash: (ownerId, page) => listTrash(sql, ownerId, page),
    deleteDue: (now, limit) => deleteDue(sql, now, limit),
    sharedTargets: async (ownerA, ownerB) =>
      (
        await select(
          sql,
          `select a.target_member_id from ${table} as a
           where a.owner_id = $1 and a.target_member_id is not null and exists (
             select 1 from ${table} as b where b.owner_id = $2 and b.target_member_id = a.target_member_id)
           order by a.target_member_id`,
          [ownerA, ownerB],
        )
      ).map((row) => row.target_member_id as MemberId),
    insert: (contact) => insertRecord(sql, contactCodec, contact),
    update: (contact, expected) => updateRecord(sql, contactCodec, contact, expected),
    delete: (id, expected) => deleteRecord(sql, table, id, expected),
    syncMember: (targetMemberId, synced) =>
      resync(
        sql,
        "where target_member_id = $1",
        targetMemberId,
        { nickname: synced.nickname, photoUrl: synced.photoUrl },
        lastTwoFields,
        `${literally(foldForSearch(synced.nickname ?? ""))}\\1`,
      ),
    syncCompany: (organisationId, company) =>
      resync(
        sql,
        "where target_organisation_id = $1",
        organisationId,
        { company },
        lastField,
        literally(foldForSearch(company)),
      ),
    // R29: the owner is in neither sort_key nor search_text, so both stay as they are. A
    // contact `to` already has for the same target breaks the unique pair: CONFLICT.
    reassignOwner: (from, to) =>
      countUpdated(sql, "owner_id = $2, version = version + 1", "owner_id = $1", [from, to]),
    removeGroup: (groupId) =>
      countUpdated(
        sql,
        `groups = groups - $1::text,
         sharing = case when sharing ? 'groups'
           then jsonb_set(sharing, '{groups}', (sharing -> 'groups') - $1::text) else sharing end`,
        `groups @> jsonb_build_array($1::text)
         or sharing @> jsonb_build_object('groups', jsonb_build_array($1::text))`,
        [groupId],
      ),
    removeSharedMember: (memberId) =>
      countUpdated(
        sql,
        "sharing = jsonb_set(sharing, '{members}', (sharing -> 'members') - $1::text)",
        `sharing @> jsonb_build_object('members', jsonb_build_array($1::text))`,
        [memberId],
      ),
  };
}
