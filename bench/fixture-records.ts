// The records of the bench worlds, typical of a Japanese B2B address book: contacts with names,
// readings, one mobile phone, one email, a company and a memo; about 30% of a book's contacts are
// linked to external users of a handful of partner organisations, the rest are customers typed
// in by hand.
//
// Each record goes through a JSON round trip before it is stored, so that its strings are
// separate flat strings as a request body would deliver them, not shared references into the
// name lists (which would flatter the memory figures).

import {
  type ContactId,
  type CustomerContact,
  type LinkedContact,
  type Member,
  type MemberId,
  type Organisation,
  type OrganisationId,
  privateSharing,
  randomIds,
} from "partnerbook";
import { givenNames, type Name, surnames } from "./fixture-names.js";
import { companyName, emailDomains, fresh, memo, mobile, pick } from "./fixture-words.js";
import { at, fixtureTime } from "./seeded.js";

/**
 * When contact `serial` was added (and last changed): a minute apart each, all before
 * `fixtureTime`. Distinct instants, as a real book has, so no two contacts share a Date.
 */
const addedAt = (serial: number) => new Date(fixtureTime.getTime() - (serial % 1_000_000_000) * 60_000);

const openLinking = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } } as const;

export function organisation(name: string, admin: MemberId): Organisation {
  return {
    id: randomIds.id("organisation") as OrganisationId,
    name,
    plan: "advanced",
    linking: openLinking,
    admins: [admin],
    trashRetentionDays: 30,
    invitationExpiryDays: 14,
    version: 1,
    createdAt: fixtureTime,
  };
}

/** An external (or home) member with a full profile; `serial` makes works ID and phone unique. */
export function member(
  organisationId: OrganisationId,
  serial: number,
  domain: string,
  random: () => number,
  id = randomIds.id("member") as MemberId,
): Member {
  const family = pick(surnames, random);
  const given = pick(givenNames, random);
  const phone = mobile(serial);
  const record = fresh({
    id,
    organisationId,
    worksId: `${given[2]}.${family[2]}.${serial}@${domain}`,
    displayName: `${family[0]} ${given[0]}`,
    familyName: family[0],
    givenName: given[0],
    nickname: random() < 0.3 ? `${given[2]}` : null,
    photoUrl: random() < 0.5 ? `https://img.${domain}.example/u/${serial}.jpg` : null,
    mobilePhone: phone,
    email: `${given[2]}.${family[2]}${serial % 1000}@${domain}.example.jp`,
    // R8: 80% allow it; the phone search bench picks among those.
    allowSearchByPhone: random() < 0.8,
    version: 1,
  });
  return { ...record, createdAt: fixtureTime };
}

/** The owner's own fields of a typical contact: names, readings, a phone, an email, a memo. */
function ownerFields(family: Name, given: Name, serial: number, random: () => number) {
  const phone = mobile(serial);
  return {
    familyName: family[0],
    givenName: given[0],
    familyNameReading: family[1],
    givenNameReading: given[1],
    department: null,
    title: null,
    phones: [{ label: "携帯", e164: phone.e164, raw: phone.raw }],
    emails: [
      { label: null, address: `${given[2]}.${family[2]}${serial % 1000}@${pick(emailDomains, random)}` },
    ],
    addresses: [],
    websites: [],
    messengers: [],
    dates: [],
    memo: memo(random),
    tags: [],
    customFields: [],
  };
}

export function customerContact(
  owner: MemberId,
  organisationId: OrganisationId,
  serial: number,
  random: () => number,
): CustomerContact {
  const record = fresh({
    id: randomIds.id("contact") as ContactId,
    kind: "customer" as const,
    ownerId: owner,
    organisationId,
    profile: { nickname: null, company: companyName(random), photoUrl: null },
    fields: ownerFields(pick(surnames, random), pick(givenNames, random), serial, random),
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
  });
  const at = addedAt(serial);
  return { ...record, createdAt: at, updatedAt: at };
}

/** A linked contact as `addFromSearch` makes it, then filled in by its owner (readings, memo…). */
export function linkedContact(
  owner: MemberId,
  organisationId: OrganisationId,
  target: Member,
  targetOrganisation: Organisation,
  serial: number,
  random: () => number,
): LinkedContact {
  const family = surnames.find((name) => name[0] === target.familyName) ?? pick(surnames, random);
  const given = givenNames.find((name) => name[0] === target.givenName) ?? pick(givenNames, random);
  const record = fresh({
    id: randomIds.id("contact") as ContactId,
    kind: "linked" as const,
    ownerId: owner,
    organisationId,
    targetMemberId: target.id,
    targetOrganisationId: targetOrganisation.id,
    fields: ownerFields(family, given, serial, random),
    synced: { nickname: target.nickname, company: targetOrganisation.name, photoUrl: target.photoUrl },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
  });
  const at = addedAt(serial);
  return { ...record, createdAt: at, updatedAt: at };
}

export const partnerNames = [
  "株式会社グローベックス",
  "合同会社ミナト物流",
  "アクメ工業株式会社",
  "株式会社北斗システムズ",
  "青葉商事株式会社",
];

/** The partner organisation (of `partners`) that `target` belongs to. */
export function partnerOf(partners: readonly Organisation[], target: Member): Organisation {
  return at(
    partners,
    partners.findIndex((p) => p.id === target.organisationId),
  );
}
