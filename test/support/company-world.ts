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
import { at, fixtureTime, prng } from "../../bench/seeded.js";
import { insertRows } from "../../bench/sql-support.js";
import {
  contactCodec,
  groupCodec,
  memberCodec,
  organisationCodec,
  type RecordCodec,
} from "../../src/adapters/postgres/rows.js";
import type { SqlQueryable } from "../../src/adapters/postgres/sql-client.js";
import { canSee, type Viewer } from "../../src/domain/access.js";
import { type Contact, emptyOwnerFields, type OwnerFields } from "../../src/domain/contact.js";
import type { Group } from "../../src/domain/group.js";
import type { ContactId, GroupId, MemberId, OrganisationId } from "../../src/domain/ids.js";
import type { Member } from "../../src/domain/member.js";
import type { Organisation } from "../../src/domain/organisation.js";
import { privateSharing, type Sharing } from "../../src/domain/sharing.js";
import { aGroup, aMember, anOrganisation } from "../../src/testing/records.js";
import {
  companyName,
  companyQueries,
  department,
  memo,
  type PersonName,
  personName,
  type QueryName,
  rareEvery,
  title,
} from "./company-names.js";

export type WorldName = "A" | "B";

export interface CompanyWorldOptions {
  readonly world: WorldName;
  /** Contacts in Acme's books, all live. */
  readonly contacts: number;
  readonly seed?: number;
}

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
const partnerCount = 5;
const filingGroupCount = 20;
const sharingGroupCount = 50;
const groupSize = 20;
/** External members kept out of every book, for adds. */
const freshCount = 2_000;
const linkedShare = 0.3;
const filedShare = 0.3;

const urlSafeAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

/** An id shaped like `randomIds` makes them (`mem_` + 21 URL-safe characters), drawn from `random`. */
function idFrom(prefix: string, random: () => number): string {
  let id = `${prefix}_`;
  for (let i = 0; i < 21; i++) id += urlSafeAlphabet[Math.floor(random() * 64)];
  return id;
}

/** A PRNG of its own for record `index` of a kind: records made twice come out the same. */
const streamFor = (seed: number, salt: number, index: number) =>
  prng(Math.imul(seed ^ salt, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));

/** A mobile number unique to `serial` (under 10⁸): typed with hyphens, matched in E.164. */
function mobile(prefix: "90" | "80", serial: number) {
  const digits = String(serial).padStart(8, "0");
  return { e164: `+81${prefix}${digits}`, raw: `0${prefix}-${digits.slice(0, 4)}-${digits.slice(4)}` };
}

const openLinking = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } } as const;

const organisation = (id: string, name: string, admin: MemberId): Organisation =>
  anOrganisation(id, {
    name,
    plan: "advanced",
    linking: openLinking,
    admins: [admin],
    createdAt: fixtureTime,
  });

/** A member with a full profile, and the readings of their name (which a profile does not hold). */
function member(
  id: string,
  organisationId: OrganisationId,
  serial: number,
  random: () => number,
): { readonly member: Member; readonly name: PersonName } {
  const name = personName(random);
  const profile = aMember(id, organisationId, {
    worksId: `user${serial}@${organisationId.slice(-6).toLowerCase()}.example`,
    displayName: `${name.family} ${name.given}`,
    familyName: name.family,
    givenName: name.given,
    nickname: random() < 0.3 ? name.given : null,
    photoUrl: random() < 0.5 ? `https://img.example/u/${serial}.jpg` : null,
    mobilePhone: mobile("90", serial),
    email: `user${serial}@example.jp`,
    allowSearchByPhone: random() < 0.8,
    createdAt: fixtureTime,
  });
  return { member: profile, name };
}

/** The people and groups of a world, made before any contact. */
interface Cast {
  readonly acme: Organisation;
  readonly partners: readonly Organisation[];
  readonly members: readonly MemberId[];
  readonly viewerIndex: number;
  readonly filingGroups: readonly Group[];
  readonly sharingGroups: readonly Group[];
  /** External members linked contacts point at: [0, linkPool); fresh ones follow. */
  readonly linkPool: number;
  readonly external: (index: number) => ReturnType<typeof member>;
}

function castFor(options: CompanyWorldOptions, seed: number): Cast {
  const random = prng(seed);
  const memberCount = options.world === "A" ? 1 : 1_000;
  const members = Array.from({ length: memberCount }, () => idFrom("mem", random) as MemberId);
  const viewerIndex = options.world === "A" ? 0 : 1;
  const viewer = at(members, viewerIndex);
  const acme = organisation(idFrom("org", random), "Acme株式会社", at(members, 0));
  const partners = Array.from({ length: partnerCount }, () =>
    organisation(idFrom("org", random), companyName(random), idFrom("mem", random) as MemberId),
  );
  const group = (name: string, of: readonly MemberId[]) =>
    aGroup(idFrom("grp", random), acme.id, of, { name, createdAt: fixtureTime });
  // `groupSize` distinct members, the viewer among them only when asked: B's viewer is in
  // exactly the two sharing groups chosen for it, and in no filing group.
  const drawMembers = (withViewer: boolean) => {
    const chosen = new Set<MemberId>(withViewer ? [viewer] : []);
    while (chosen.size < Math.min(groupSize, memberCount - 1)) {
      const candidate = at(members, Math.floor(random() * memberCount));
      if (candidate !== viewer) chosen.add(candidate);
    }
    return [...chosen];
  };
  const filingGroups = Array.from({ length: filingGroupCount }, (_, g) =>
    group(`案件${g + 1}`, options.world === "A" ? [viewer] : drawMembers(false)),
  );
  const sharingGroups =
    options.world === "A"
      ? []
      : Array.from({ length: sharingGroupCount }, (_, g) => group(`共有${g + 1}`, drawMembers(g < 2)));
  // R15: one contact per owner and external member. A's owner links 30% of the book, each to
  // its own member; B's owners link about 300 each at 1M, round a pool of at least 5,000.
  const linked = Math.floor(options.contacts * linkedShare);
  const linkPool = options.world === "A" ? linked : Math.max(5_000, Math.ceil(linked / 10));
  const external = (index: number) => {
    const own = streamFor(seed, 0x65787465, index);
    const partner = at(partners, index % partnerCount);
    return member(idFrom("mem", own), partner.id, index, own);
  };
  return { acme, partners, members, viewerIndex, filingGroups, sharingGroups, linkPool, external };
}

/** R27 for B: 80% private; 15% shared with 1–3 members and/or one sharing group; 5% everyone. */
function sharingOf(cast: Cast, owner: MemberId, random: () => number): Sharing {
  const draw = random();
  if (draw < 0.8) return privateSharing;
  if (draw >= 0.95) return { visibility: "organisation", coEditing: random() < 0.2 };
  const how = random();
  const members = new Set<MemberId>();
  if (how < 2 / 3) {
    const wanted = 1 + Math.floor(random() * 3);
    while (members.size < wanted) {
      const candidate = at(cast.members, Math.floor(random() * cast.members.length));
      if (candidate !== owner) members.add(candidate);
    }
  }
  const groups = how >= 1 / 3 ? [at(cast.sharingGroups, Math.floor(random() * sharingGroupCount)).id] : [];
  return { visibility: "members", members: [...members], groups, coEditing: random() < 0.2 };
}

function ownerFields(name: PersonName, serial: number, random: () => number): OwnerFields {
  const phone = mobile("80", serial);
  return {
    ...emptyOwnerFields,
    familyName: name.family,
    givenName: name.given,
    familyNameReading: name.familyReading,
    givenNameReading: name.givenReading,
    department: department(random),
    title: title(random),
    phones: [{ label: "携帯", e164: phone.e164, raw: phone.raw }],
    emails: [{ label: null, address: `contact${serial}@example.co.jp` }],
    memo: memo(random, serial % rareEvery === rareEvery / 2),
  };
}

/** Makes contact after contact, keeping what the world reports about them. */
function contactMaker(cast: Cast, options: CompanyWorldOptions, seed: number, viewer: Viewer) {
  const random = prng(seed ^ 0x636f6e74);
  const linkedSoFar = new Int32Array(cast.members.length);
  const spread = Math.max(1, Math.floor(cast.linkPool / cast.members.length));
  const tally = {
    customers: 0,
    linked: 0,
    filed: 0,
    visibility: { private: 0, members: 0, organisation: 0 },
    ownedByViewer: 0,
    visibleToViewer: 0,
  };
  const viewerContacts: ContactId[] = [];

  const make = (serial: number): Contact => {
    const ownerIndex = options.world === "A" ? 0 : Math.floor(random() * cast.members.length);
    const owner = at(cast.members, ownerIndex);
    const base = {
      id: idFrom("con", random) as ContactId,
      ownerId: owner,
      organisationId: cast.acme.id,
      groups:
        random() < filedShare ? [at(cast.filingGroups, Math.floor(random() * filingGroupCount)).id] : [],
      sharing: options.world === "A" ? privateSharing : sharingOf(cast, owner, random),
      trash: null,
      version: 1,
      // A minute apart, all before the fixtures' time: no two contacts share an instant.
      createdAt: new Date(fixtureTime.getTime() - (serial + 1) * 60_000),
    };
    // Kinds interleave evenly (every i with ⌊(i+1)·share⌋ > ⌊i·share⌋ is linked).
    if (Math.floor((serial + 1) * linkedShare) > Math.floor(serial * linkedShare)) {
      const nth = linkedSoFar[ownerIndex] ?? 0;
      if (nth >= cast.linkPool) throw new Error(`owner ${ownerIndex} links more than ${cast.linkPool}`);
      linkedSoFar[ownerIndex] = nth + 1;
      // Each owner walks the pool from its own start: distinct targets per owner (R15).
      const index = (ownerIndex * spread + nth) % cast.linkPool;
      const { member: target, name } = cast.external(index);
      const partner = at(cast.partners, index % partnerCount);
      // R24: the owner's copy starts from the member's names; the owner then adds the rest.
      return {
        ...base,
        kind: "linked",
        targetMemberId: target.id,
        targetOrganisationId: partner.id,
        fields: ownerFields(name, serial, random),
        synced: { nickname: target.nickname, company: partner.name, photoUrl: target.photoUrl },
        updatedAt: base.createdAt,
      };
    }
    return {
      ...base,
      kind: "customer",
      profile: { nickname: null, company: companyName(random), photoUrl: null },
      fields: ownerFields(personName(random), serial, random),
      updatedAt: base.createdAt,
    };
  };

  const count = (contact: Contact) => {
    if (contact.kind === "linked") tally.linked++;
    else tally.customers++;
    if (contact.groups.length > 0) tally.filed++;
    tally.visibility[contact.sharing.visibility]++;
    if (contact.ownerId === viewer.memberId) {
      tally.ownedByViewer++;
      if (viewerContacts.length < 1_000) viewerContacts.push(contact.id);
    }
    const visible = canSee(contact, viewer);
    if (visible) tally.visibleToViewer++;
    return visible;
  };
  return { make, count, tally, viewerContacts };
}

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
