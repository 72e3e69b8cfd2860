import type { Plan } from "../../../src/index.js";

// The world every run starts from: two organisations and their members, addressed by index,
// and the model's clock.

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;
export const start = new Date("2026-04-01T00:00:00.000Z");

/** R8: phone numbers as people type them, with the E.164 form each one means. */
export const phoneBook: readonly { readonly e164: string; readonly typed: readonly string[] }[] = [
  { e164: "+819012345678", typed: ["090-1234-5678", "+81 90 1234 5678", "09012345678"] },
  { e164: "+818011112222", typed: ["080-1111-2222", "+81-80-1111-2222"] },
  { e164: "+14155550123", typed: ["+1 415 555 0123"] },
  { e164: "+81355550000", typed: ["03-5555-0000"] },
];

/** Text that is not a phone number (R11: a validation error, not an empty answer). */
export const notPhones = ["call me maybe", "12"] as const;

/** The E.164 form of a number typed as in {@link phoneBook}. */
export function e164Of(typed: string): string {
  const entry = phoneBook.find((phone) => phone.typed.includes(typed));
  if (entry === undefined) throw new Error(`not in the phone book: ${typed}`);
  return entry.e164;
}

export interface MemberSpec {
  readonly worksId: string;
  readonly displayName: string;
  readonly familyName?: string;
  readonly givenName?: string;
  readonly nickname?: string;
  readonly photoUrl?: string;
  readonly mobilePhone?: string;
  readonly email?: string;
  readonly allowSearchByPhone?: boolean;
}

export interface OrganisationSpec {
  readonly name: string;
  readonly plan: Plan;
  readonly trashRetentionDays?: number;
  readonly invitationExpiryDays?: number;
  /** The first one is the admin. */
  readonly members: readonly MemberSpec[];
}

/**
 * Three organisations: a free one with the default retention, a paid one (linking off until an
 * admin turns it on, R1) keeping its trash a week, and a free one keeping it a day, so that
 * short runs cross every boundary. Two colleagues share a phone number, and two members of
 * different organisations share another, typed differently.
 */
export const worldSpec: readonly OrganisationSpec[] = [
  {
    name: "Acme",
    plan: "free",
    members: [
      {
        worksId: "sato.acme",
        displayName: "佐藤 花子",
        familyName: "佐藤",
        givenName: "花子",
        mobilePhone: "090-1234-5678",
        allowSearchByPhone: true,
        email: "sato@acme.example",
      },
      { worksId: "suzuki.acme", displayName: "Suzuki Ichiro", nickname: "Suzu" },
      {
        worksId: "tanaka.acme",
        displayName: "田中",
        mobilePhone: "+1 415 555 0123",
        email: "tanaka@acme.example",
      },
    ],
  },
  {
    name: "Globex",
    plan: "standard",
    trashRetentionDays: 7,
    invitationExpiryDays: 3,
    members: [
      {
        worksId: "lee.globex",
        displayName: "Lee Min",
        nickname: "Min",
        mobilePhone: "+81 90 1234 5678",
        allowSearchByPhone: true,
        email: "lee@globex.example",
      },
      { worksId: "kim.globex", displayName: "Kim", photoUrl: "https://img.example/kim.png" },
    ],
  },
  {
    name: "Initech",
    plan: "free",
    trashRetentionDays: 1,
    members: [
      {
        worksId: "Peter.Initech",
        displayName: "Peter Gibbons",
        familyName: "Gibbons",
        givenName: "Peter",
        mobilePhone: "080-1111-2222",
        email: "peter@initech.example",
      },
      {
        worksId: "milton.initech",
        displayName: "Milton",
        mobilePhone: "080-1111-2222",
        allowSearchByPhone: true,
      },
    ],
  },
];

export const organisationCount = worldSpec.length;
export const memberCount = worldSpec.reduce((sum, organisation) => sum + organisation.members.length, 0);
/** The members most commands are about (by index): the three admins and a colleague at Acme. */
export const protagonists = [0, 1, 3, 5] as const;
