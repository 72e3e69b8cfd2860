// The use-cases the scale bench times through the app, each beside what a hand-written app
// would send for the same effect — one statement, no transaction, no checks — and how many
// statements each use-case sends. Not a bench file.
import {
  type ContactId,
  contactLimit,
  type LinkedContact,
  type Member,
  type OrganisationId,
  type Partnerbook,
  privateSharing,
  randomIds,
} from "partnerbook";
import type { SqlClient, SqlQueryable } from "partnerbook/postgres";
import { contactCodec } from "../src/adapters/postgres/rows.js";
import { ownerFieldsFromProfile, syncedFieldsOf } from "../src/domain/contact.js";
import type { CompanyWorld } from "../test/support/company-world.js";
import { at, fixtureTime } from "./fixtures.js";

/** A use-case and its hand-written equivalent, each taking the i-th input of its own. */
export interface Pair {
  readonly useCase: string;
  readonly byHand: string;
  readonly callUseCase: (i: number) => Promise<unknown>;
  readonly callByHand: (i: number) => Promise<unknown>;
  /** Runs the use-case once on a counting book: its statements are what the counter saw. */
  readonly countOnce: (counted: Partnerbook) => Promise<unknown>;
  /** Calls either may make in all: adds use up external members nobody has added. */
  readonly maxCalls?: number;
}

const memos = [
  "【更新】先方の担当が変わりました。次回は新担当と打ち合わせ。",
  "【更新】見積もり提出済み。来月の回答待ち。",
];
/** Alternating by version, so every edit changes the memo (an edit that changes nothing is not written). */
const memoFor = (version: number) => at(memos, version & 1);

export function getPair(book: Partnerbook, sql: SqlQueryable, world: CompanyWorld): Pair {
  const { viewer, viewerContacts: ids } = world;
  const id = (i: number) => at(ids, i % ids.length);
  return {
    useCase: "contacts.get",
    byHand: "select … where id = $1",
    callUseCase: (i) => book.contacts.get(viewer.memberId, id(i)),
    callByHand: async (i) => {
      const { rows } = await sql.query("select * from partnerbook_contacts where id = $1", [id(i)]);
      return rows.map(contactCodec.read);
    },
    countOnce: (counted) => counted.contacts.get(viewer.memberId, id(0)),
  };
}

/** Both sides edit the same contacts and keep their versions, so each edit expects the latest. */
export function editPair(book: Partnerbook, sql: SqlQueryable, world: CompanyWorld): Pair {
  const { viewer, viewerContacts: ids } = world;
  const versions = new Map<ContactId, number>();
  const versionOf = (id: ContactId) => versions.get(id) ?? 1;
  const edit = async (target: Partnerbook, i: number) => {
    const id = at(ids, i % ids.length);
    const version = versionOf(id);
    const edited = await target.contacts.edit(
      viewer.memberId,
      id,
      { memo: memoFor(version) },
      { expectedVersion: version },
    );
    versions.set(id, edited.version);
  };
  return {
    useCase: "contacts.edit (memo)",
    byHand: "update … set fields = jsonb_set(…) returning",
    callUseCase: (i) => edit(book, i),
    callByHand: async (i) => {
      const id = at(ids, i % ids.length);
      const version = versionOf(id);
      const { rows } = await sql.query(
        `update partnerbook_contacts
         set fields = jsonb_set(fields, '{memo}', to_jsonb($2::text)), version = version + 1, updated_at = $3
         where id = $1 and version = $4 returning version`,
        [id, memoFor(version), fixtureTime, version],
      );
      versions.set(id, Number(rows[0]?.version));
    },
    countOnce: (counted) => edit(counted, 0),
  };
}

/**
 * Adds of external members nobody has added, the use-case taking the first half of them and
 * the hand-written INSERT the second. `removeAdded` deletes them all again, so the book keeps
 * its size for what is measured next.
 */
export function addPair(
  book: Partnerbook,
  sql: SqlQueryable,
  world: CompanyWorld,
): Pair & { removeAdded(): Promise<void> } {
  const { viewer, freshTargets } = world;
  const half = freshTargets.length >> 1;
  const partnerName = new Map(world.partners.map((partner) => [partner.id, partner.name]));
  const add = async (target: Partnerbook, member: Member) => {
    const added = await target.contacts.addFromSearch(viewer.memberId, member.id);
    if (added.status !== "added") throw new Error(`${member.id} was already in the book`);
  };
  const record = (member: Member): LinkedContact => ({
    id: randomIds.id("contact") as ContactId,
    kind: "linked",
    ownerId: viewer.memberId,
    organisationId: viewer.organisationId,
    targetMemberId: member.id,
    targetOrganisationId: member.organisationId,
    fields: ownerFieldsFromProfile(member),
    synced: syncedFieldsOf(member, partnerName.get(member.organisationId) ?? ""),
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: fixtureTime,
    updatedAt: fixtureTime,
  });
  return {
    useCase: "contacts.addFromSearch (new)",
    byHand: "insert … returning",
    callUseCase: (i) => add(book, at(freshTargets, i)),
    callByHand: (i) =>
      sql.query(
        `insert into ${contactCodec.table} (${contactCodec.columns.join(", ")})
         values (${contactCodec.casts.join(", ")}) returning id`,
        contactCodec.params(record(at(freshTargets, half + i))),
      ),
    countOnce: (counted) => add(counted, at(freshTargets, half - 1)),
    // A few hundred: the book grows by at most 3% (at 10k) while adds are timed.
    maxCalls: Math.min(half - 1, 300),
    async removeAdded() {
      await sql.query(
        "delete from partnerbook_contacts where owner_id = $1 and target_member_id = any($2::text[])",
        [viewer.memberId, freshTargets.map((member) => member.id)],
      );
    },
  };
}

/**
 * R16 holds an organisation to 100,000 live contacts, and a world of 100k or more is at or past
 * that (the loader writes rows; no use-case checks them), so every add would be LIMIT_REACHED.
 * While `fn` runs, the organisation's kept count is lowered to leave room, then put back.
 * countActive reads that one row whatever it holds, so an add costs what it costs in a book of
 * this size that has room.
 */
export async function withRoomToAdd<T>(
  client: SqlClient,
  organisationId: OrganisationId,
  fn: () => Promise<T>,
): Promise<T> {
  const { rows } = await client.query(
    "select live from partnerbook_contact_counts where organisation_id = $1",
    [organisationId],
  );
  const room = 10_000;
  const lowered = Math.max(0, Number(rows[0]?.live ?? 0) - (contactLimit("advanced") - room));
  const shift = (by: number) =>
    client.query("update partnerbook_contact_counts set live = live + $2 where organisation_id = $1", [
      organisationId,
      by,
    ]);
  await shift(-lowered);
  try {
    return await fn();
  } finally {
    await shift(lowered);
  }
}
