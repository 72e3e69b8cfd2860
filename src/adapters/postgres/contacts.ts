import { type BookPosition, searchTextOf } from "../../domain/address-book.js";
import type { Contact, LinkedContact } from "../../domain/contact.js";
import type { ContactId, MemberId } from "../../domain/ids.js";
import type { Viewer } from "../../domain/sharing.js";
import type { BookPage, BookQuery, ContactRepository, TrashPosition } from "../../ports/store.js";
import { contactCodec, toJsonb } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import {
  deleteRecord,
  getById,
  insertRecord,
  select,
  selectFrom,
  selectRecords,
  updateRecord,
} from "./statements.js";

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
 * R27 as SQL, the same rule as `canSee`: the owner sees their contact; others only inside the
 * owner's organisation, as its visibility says.
 */
function visibleTo(viewer: Viewer, params: Params): string {
  const member = params.add(viewer.memberId);
  const organisation = params.add(viewer.organisationId);
  const groups = params.add(toJsonb([...viewer.groupIds]));
  // A contact's organisation is always its owner's (set from the owner, and R29 reassigns only
  // within it), so the organisation leads: the (organisation_id, sort_key, id) index then serves
  // the page order, where a top-level OR with owner_id made the planner sort the whole table.
  return `(organisation_id = ${organisation} and (
    owner_id = ${member}
    or visibility = 'organisation'
    or (visibility = 'members' and (
      sharing -> 'members' ? ${member}
      or sharing -> 'groups' ?| array(select jsonb_array_elements_text(${groups}::jsonb))))))`;
}

async function listBook(sql: SqlQueryable, query: BookQuery): Promise<BookPage> {
  const params = new Params();
  const where = ["purge_at is null", visibleTo(query.viewer, params)];
  if (query.tab === "external") where.push("kind = 'linked'");
  if (query.group !== null) where.push(`groups @> jsonb_build_array(${params.add(query.group)}::text)`);
  // position(), not LIKE: the folded query may hold % or _, and needs no escaping this way.
  if (query.text !== null) where.push(`position(${params.add(query.text)}::text in search_text) > 0`);
  if (query.after !== null) {
    where.push(
      `(sort_key, id) > (${params.add(query.after.sortKey)}::text, ${params.add(query.after.id)}::text)`,
    );
  }
  const rows = await select(
    sql,
    `${selectFrom(contactCodec)} where ${where.join(" and ")}
     order by sort_key, id limit ${params.add(query.limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const next: BookPosition | null =
    rows.length > query.limit && last !== undefined
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

/**
 * R23: rewrites the synced part of the linked contacts `where` selects. search_text follows
 * the synced nickname and company, and only the domain can fold it, so the contacts are read,
 * changed here and written back in one statement. Versions stay: sync is not an edit.
 */
async function resync(
  sql: SqlQueryable,
  where: string,
  param: string,
  change: (synced: LinkedContact["synced"]) => LinkedContact["synced"],
): Promise<number> {
  const linked = (await selectRecords(sql, contactCodec, `${where} for update`, [param])).filter(
    (contact): contact is LinkedContact => contact.kind === "linked",
  );
  if (linked.length === 0) return 0;
  const rows = linked.map((contact) => {
    const next: LinkedContact = { ...contact, synced: change(contact.synced) };
    return { id: next.id, synced: next.synced, search_text: searchTextOf(next) };
  });
  await sql.query(
    `update ${table} as c set synced = v.synced, search_text = v.search_text
     from jsonb_to_recordset($1::jsonb) as v (id text, synced jsonb, search_text text)
     where c.id = v.id`,
    [toJsonb(rows)],
  );
  return linked.length;
}

/** Updates the rows `where` selects with `set`, and counts them. */
async function countUpdated(sql: SqlQueryable, set: string, where: string, params: unknown[]) {
  return (await select(sql, `update ${table} set ${set} where ${where} returning id`, params)).length;
}

/** The contact repository of one transaction. */
export function contactRepository(sql: SqlQueryable): ContactRepository {
  return {
    get: (id) => getById(sql, contactCodec, id),
    findByOwnerAndTarget: async (ownerId, targetMemberId) =>
      (
        await selectRecords(sql, contactCodec, "where owner_id = $1 and target_member_id = $2", [
          ownerId,
          targetMemberId,
        ])
      )[0] ?? null,
    countActive: async (organisationId) => {
      const [row] = await select(
        sql,
        `select count(*)::integer as active from ${table} where organisation_id = $1 and purge_at is null`,
        [organisationId],
      );
      return Number(row?.active ?? 0);
    },
    listBook: (query) => listBook(sql, query),
    listTrash: (ownerId, page) => listTrash(sql, ownerId, page),
    listDue: (now, limit) =>
      selectRecords(sql, contactCodec, "where purge_at <= $1 order by purge_at, id limit $2", [now, limit]),
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
      resync(sql, "where target_member_id = $1", targetMemberId, (before) => ({ ...before, ...synced })),
    syncCompany: (organisationId, company) =>
      resync(sql, "where target_organisation_id = $1", organisationId, (before) => ({ ...before, company })),
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
