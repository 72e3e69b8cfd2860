import {
  type CustomerContact,
  emptyOwnerFields,
  type LinkedContact,
  type OwnerFields,
  type TrashState,
} from "../domain/contact.js";
import type { Group } from "../domain/group.js";
import type { ContactId, EventId, GroupId, InvitationId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Invitation } from "../domain/invitation.js";
import type { Member } from "../domain/member.js";
import { defaultLinkingPolicy, type Organisation } from "../domain/organisation.js";
import { privateSharing } from "../domain/sharing.js";
import type { NewEvent, PartnerbookEvent } from "../events.js";
import type { StoreTransaction } from "../ports/store.js";

// Records as a use-case would store them, with every field a store must keep. Instants carry
// milliseconds so that a store that drops them is caught.

/** The suite's "now". */
export const at = new Date("2026-04-01T09:30:15.123Z");

/** `at` plus `days` (fractions allowed). */
export const daysAfter = (days: number): Date => new Date(at.getTime() + days * 86_400_000);

export const trashedOn = (trashedAt: Date, days = 30): TrashState => ({
  trashedAt,
  purgeAt: new Date(trashedAt.getTime() + days * 86_400_000),
});

export function anOrganisation(id: string, overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: id as OrganisationId,
    name: `Organisation ${id}`,
    plan: "free",
    linking: defaultLinkingPolicy("free"),
    admins: [],
    trashRetentionDays: 30,
    invitationExpiryDays: 14,
    version: 1,
    createdAt: at,
    ...overrides,
  };
}

export function aMember(id: string, organisationId: OrganisationId, overrides: Partial<Member> = {}): Member {
  return {
    id: id as MemberId,
    organisationId,
    worksId: `${id}@works`,
    displayName: `Member ${id}`,
    familyName: null,
    givenName: null,
    nickname: null,
    photoUrl: null,
    mobilePhone: null,
    email: null,
    allowSearchByPhone: false,
    version: 1,
    createdAt: at,
    ...overrides,
  };
}

export function aGroup(
  id: string,
  organisationId: OrganisationId,
  members: readonly MemberId[],
  overrides: Partial<Group> = {},
): Group {
  return {
    id: id as GroupId,
    organisationId,
    name: `Group ${id}`,
    members,
    createdBy: members[0] ?? ("nobody" as MemberId),
    version: 1,
    createdAt: at,
    ...overrides,
  };
}

/** Owner fields with every field filled, in Japanese and English. */
export const everyOwnerField: OwnerFields = {
  familyName: "山田",
  givenName: "太郎",
  familyNameReading: "ヤマダ",
  givenNameReading: "タロウ",
  department: "営業部",
  title: "部長",
  phones: [
    { label: "mobile", e164: "+819012345678", raw: "090-1234-5678" },
    { label: null, e164: "+81312345678", raw: "03-1234-5678" },
  ],
  emails: [{ label: "work", address: "Taro.Yamada@Example.co.jp" }],
  addresses: [{ label: "office", value: "東京都千代田区1-1" }],
  websites: [{ label: null, value: "https://example.co.jp" }],
  messengers: [{ label: "LINE", value: "@yamada" }],
  dates: [
    { label: "birthday", date: "--05-17" },
    { label: "first met", date: "2024-11-02" },
  ],
  memo: "Met at the 展示会; prefers email.\nSecond line with 100% and _underscores_.",
  tags: ["vip", "要フォロー"],
  customFields: [{ label: "社員番号", value: "A-0042" }],
};

/** A customer contact (R14) owned by `owner`, named `name`, private, live. */
export function aCustomer(
  id: string,
  owner: Member,
  name: string,
  overrides: Partial<CustomerContact> = {},
): CustomerContact {
  return {
    id: id as ContactId,
    kind: "customer",
    ownerId: owner.id,
    organisationId: owner.organisationId,
    profile: { nickname: null, company: null, photoUrl: null },
    fields: { ...emptyOwnerFields, familyName: name, emails: [{ label: null, address: "c@example.com" }] },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A linked contact (R12) of `owner` for `target`, private, live. */
export function aLinkedContact(
  id: string,
  owner: Member,
  target: Member,
  overrides: Partial<LinkedContact> = {},
): LinkedContact {
  return {
    id: id as ContactId,
    kind: "linked",
    ownerId: owner.id,
    organisationId: owner.organisationId,
    targetMemberId: target.id,
    targetOrganisationId: target.organisationId,
    fields: { ...emptyOwnerFields, familyName: target.displayName },
    synced: { nickname: target.nickname, company: "Partner Co.", photoUrl: null },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function anInvitation(id: string, inviter: Member, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: id as InvitationId,
    kind: "email",
    inviterId: inviter.id,
    organisationId: inviter.organisationId,
    tokenHash: `hash-of-${id}`,
    email: `${id}@example.com`,
    createdAt: at,
    expiresAt: daysAfter(14),
    maxUses: 1,
    uses: 0,
    revokedAt: null,
    version: 1,
    ...overrides,
  };
}

/** The organisation {@link anEvent} logs to unless told otherwise. */
export const eventLog = "org_log" as OrganisationId;

export function anEvent(
  id: string,
  actorId: MemberId | null = null,
  organisationId: OrganisationId = eventLog,
): NewEvent {
  return {
    type: "qr_code_issued",
    organisationId,
    id: id as EventId,
    at,
    actorId,
    memberId: "someone" as MemberId,
  };
}

/** Appends one event (`appendAll` of one) and returns it with its sequence. */
export async function appendEvent(tx: StoreTransaction, event: NewEvent): Promise<PartnerbookEvent> {
  const [appended] = await tx.events.appendAll([event]);
  if (appended === undefined) throw new Error(`appendAll returned nothing for ${event.id}`);
  return appended;
}

/**
 * The people most tests need: Acme (Sato, Suzuki, Tanaka) and Globex (Lee, Kim), stored.
 * Stores with foreign keys need a contact's owner and organisations to exist.
 */
export async function seedPeople(tx: StoreTransaction) {
  const acme = anOrganisation("org_acme", { name: "Acme" });
  const globex = anOrganisation("org_globex", { name: "Globex" });
  const sato = aMember("mem_sato", acme.id, { displayName: "佐藤 花子" });
  const suzuki = aMember("mem_suzuki", acme.id, { displayName: "鈴木 一郎" });
  const tanaka = aMember("mem_tanaka", acme.id, { displayName: "田中 次郎" });
  const lee = aMember("mem_lee", globex.id, { displayName: "Lee Min", nickname: "Min" });
  const kim = aMember("mem_kim", globex.id, { displayName: "Kim Ji" });
  await tx.organisations.insert(acme);
  await tx.organisations.insert(globex);
  for (const member of [sato, suzuki, tanaka, lee, kim]) await tx.members.insert(member);
  return { acme, globex, sato, suzuki, tanaka, lee, kim };
}

/** What {@link seedPeople} stored. */
export type People = Awaited<ReturnType<typeof seedPeople>>;
