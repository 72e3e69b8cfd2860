// The people, groups and contacts of a company world (company-world.ts writes them): who
// belongs where, how contacts are shared and filed, all drawn from seeded PRNGs.

import { at, fixtureTime, prng } from "../../bench/seeded.js";
import { canSee, type Viewer } from "../../src/domain/access.js";
import { type Contact, emptyOwnerFields, type OwnerFields } from "../../src/domain/contact.js";
import type { Group } from "../../src/domain/group.js";
import type { ContactId, MemberId, OrganisationId } from "../../src/domain/ids.js";
import type { Member } from "../../src/domain/member.js";
import type { Organisation } from "../../src/domain/organisation.js";
import { privateSharing, type Sharing } from "../../src/domain/sharing.js";
import { aGroup, aMember, anOrganisation } from "../../src/testing/records.js";
import {
  companyName,
  department,
  memo,
  type PersonName,
  personName,
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

const partnerCount = 5;
const filingGroupCount = 20;
const sharingGroupCount = 50;
const groupSize = 20;
/** External members kept out of every book, for adds. */
export const freshCount = 2_000;
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
export function member(
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
export interface Cast {
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

export function castFor(options: CompanyWorldOptions, seed: number): Cast {
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
export function contactMaker(cast: Cast, options: CompanyWorldOptions, seed: number, viewer: Viewer) {
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
