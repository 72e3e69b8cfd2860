// Worlds shaped like real companies, written straight into an empty, migrated partnerbook
// database — a PostgreSQL server or PGlite — for benches that ask how costs grow from 10k to
// 1M contacts.
//
// World A: one organisation, Acme, whose single member owns every contact: the largest book one
// member can have. World B: Acme with 1,000 members owning the contacts between them, most of
// them private, some shared with members or sharing groups, a few organisation-wide: one
// typical member's view of a large organisation. In both, 30% of contacts are linked to members
// of five partner organisations and 30% are filed in one of 20 address-book groups.
//
// Rows are written with the adapter's own row codecs in multi-row INSERTs, so sort_key and
// search_text are exactly what the adapter writes, and its triggers keep their tables as they
// would. Records are made a statement's worth (1,000) at a time, so a million never sit in
// memory at once. Everything is drawn from seeded PRNGs, ids included: every run writes the same
// world.
import { at, prng } from "../../bench/seeded.js";
import { insertRows } from "../../bench/sql-support.js";
import {
  contactCodec,
  groupCodec,
  memberCodec,
  organisationCodec,
  type RecordCodec,
} from "../../src/adapters/postgres/rows.js";
import type { SqlQueryable } from "../../src/adapters/postgres/sql-client.js";
import type { Viewer } from "../../src/domain/access.js";
import type { Contact } from "../../src/domain/contact.js";
import type { ContactId, GroupId, MemberId, OrganisationId } from "../../src/domain/ids.js";
import type { Member } from "../../src/domain/member.js";
import type { Organisation } from "../../src/domain/organisation.js";
import {
  type CompanyWorldOptions,
  castFor,
  contactMaker,
  freshCount,
  member,
  type WorldName,
} from "./company-cast.js";
import { companyQueries, type QueryName } from "./company-names.js";

export type { CompanyWorldOptions, WorldName } from "./company-cast.js";

export interface CompanyWorld {
  readonly world: WorldName;
  readonly organisationId: OrganisationId;
  /** Whose book the benches read: A's only member; in B a member owning about 1 in 1,000. */
  readonly viewer: Viewer;
  /** An address-book group holding about 1.5% of the contacts, for the group filter. */
  readonly group: GroupId;
  /** Up to 1,000 of the viewer's own contacts, in the order they were written. */
  readonly viewerContacts: readonly ContactId[];
  /** An external member who allows search by phone (R8): works ID and phone as typed. */
  readonly searchable: { readonly memberId: MemberId; readonly worksId: string; readonly phone: string };
  /** External members nobody in Acme has added: each can be added once (R15). */
  readonly freshTargets: readonly Member[];
  /** The organisations external members belong to. */
  readonly partners: readonly Organisation[];
  readonly queries: typeof companyQueries;
  readonly counts: WorldCounts;
  /** Writing everything, then VACUUM ANALYZE. */
  readonly loadSeconds: number;
  readonly analyzeSeconds: number;
}

export interface WorldCounts {
  readonly contacts: number;
  readonly customers: number;
  readonly linked: number;
  /** Acme's members, and those of the partner organisations. */
  readonly members: number;
  readonly externalMembers: number;
  readonly groups: number;
  readonly filed: number;
  readonly visibility: { readonly private: number; readonly members: number; readonly organisation: number };
  readonly ownedByViewer: number;
  readonly visibleToViewer: number;
  /** Contacts whose search text holds each query: in the whole book, and of those the viewer sees. */
  readonly matches: Readonly<Record<QueryName, { readonly all: number; readonly visible: number }>>;
}

/** Records per multi-row INSERT (insertRows' own statement size): made just before it is sent. */
const batch = 1_000;
/**
 * INSERTs outstanding at once, so records in memory are at most this many batches: on a pool of
 * two connections, two being written while the next is encoded (PGlite takes them in turn).
 */
const inFlight = 3;
/**
 * Writes `count` records made by `make`, one multi-row INSERT's worth at a time, keeping
 * `inFlight` INSERTs outstanding: the next batch is made and encoded while the server writes
 * the last ones — on a pool, on several connections at once.
 */
async function writeInBatches<T>(
  sql: SqlQueryable,
  codec: RecordCodec<T>,
  count: number,
  make: (index: number) => T,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (let start = 0; start < count; start += batch) {
    const records = Array.from({ length: Math.min(batch, count - start) }, (_, i) => make(start + i));
    const written = insertRows(sql, codec, records);
    // Awaited below; until then a failure must not count as unhandled and end the process.
    written.catch(() => undefined);
    pending.push(written);
    if (pending.length >= inFlight) await pending.shift();
  }
  await Promise.all(pending);
}

const searchColumn = contactCodec.columns.indexOf("search_text");
const queryNames = Object.keys(companyQueries) as QueryName[];

/**
 * Fills an EMPTY partnerbook database — the caller runs `migrate(client)` first — with world A
 * or B, then runs VACUUM ANALYZE (so `sql` must not be inside a transaction).
 */
export async function loadCompanyWorld(
  sql: SqlQueryable,
  options: CompanyWorldOptions,
): Promise<CompanyWorld> {
  const started = performance.now();
  const seed = options.seed ?? 20260501;
  const cast = castFor(options, seed);
  const viewerId = at(cast.members, cast.viewerIndex);
  const groups = [...cast.filingGroups, ...cast.sharingGroups];
  const viewer: Viewer = {
    memberId: viewerId,
    organisationId: cast.acme.id,
    groupIds: new Set(groups.filter((group) => group.members.includes(viewerId)).map((group) => group.id)),
  };

  await insertRows(sql, organisationCodec, [cast.acme, ...cast.partners]);
  const acmeRandom = prng(seed ^ 0x61636d65);
  const acmeMembers = cast.members.map((id, i) => member(id, cast.acme.id, 5_000_000 + i, acmeRandom).member);
  await insertRows(sql, memberCodec, acmeMembers);
  const externalCount = cast.linkPool + freshCount;
  await writeInBatches(sql, memberCodec, externalCount, (i) => cast.external(i).member);
  await insertRows(sql, groupCodec, groups);

  const maker = contactMaker(cast, options, seed, viewer);
  const matches = Object.fromEntries(queryNames.map((name) => [name, { all: 0, visible: 0 }])) as Record<
    QueryName,
    { all: number; visible: number }
  >;
  // The adapter's codec, peeked at: the search text it derives is what the queries are
  // counted against, the very text the database will match them on.
  const tallying: RecordCodec<Contact> = {
    ...contactCodec,
    params(contact) {
      const row = contactCodec.params(contact);
      const visible = maker.count(contact);
      const text = row[searchColumn] as string;
      for (const name of queryNames) {
        if (!text.includes(companyQueries[name])) continue;
        matches[name].all++;
        if (visible) matches[name].visible++;
      }
      return row;
    },
  };
  await writeInBatches(sql, tallying, options.contacts, maker.make);

  const analyzing = performance.now();
  await sql.query("vacuum analyze");
  const done = performance.now();

  const fresh = Array.from({ length: freshCount }, (_, i) => cast.external(cast.linkPool + i).member);
  const searchable = fresh.find((candidate) => candidate.allowSearchByPhone && candidate.mobilePhone);
  if (searchable?.mobilePhone == null) throw new Error("no external member allows search by phone");
  return {
    world: options.world,
    organisationId: cast.acme.id,
    viewer,
    group: at(cast.filingGroups, 0).id,
    viewerContacts: maker.viewerContacts,
    searchable: {
      memberId: searchable.id,
      worksId: searchable.worksId,
      phone: searchable.mobilePhone.raw,
    },
    freshTargets: fresh,
    partners: cast.partners,
    queries: companyQueries,
    counts: {
      contacts: options.contacts,
      ...maker.tally,
      members: cast.members.length,
      externalMembers: externalCount,
      groups: groups.length,
      matches,
    },
    loadSeconds: (done - started) / 1000,
    analyzeSeconds: (done - analyzing) / 1000,
  };
}
