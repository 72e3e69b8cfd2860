import { emptyOwnerFields } from "../../src/domain/contact.js";
import type {
  Contact,
  ContactId,
  CustomerProfile,
  ErrorCode,
  Invitation,
  InvitationId,
  LinkingPolicy,
  Member,
  MemberId,
  Organisation,
  OrganisationId,
  OwnerFields,
  Plan,
  ProfileCard,
  Sharing,
  TalkAccess,
  TrashState,
} from "../../src/index.js";

// The reference model: the rules of RULES.md written out again, as plainly as possible, over
// a small world addressed by index (organisation #0, member #3). It imports no code from src —
// only types — so that it is a second opinion, not a copy of the first.

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;
export const start = new Date("2026-04-01T00:00:00.000Z");

// ── The world every run starts from ─────────────────────────────────────────────────────────

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

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** R2: everyone, or the listed members (by index). */
export type ScopeModel =
  | { readonly kind: "all" }
  | { readonly kind: "listed"; readonly members: readonly number[] };

/** R4: any partner, or only / all but the listed organisations (by index). */
export type PartnersModel =
  | { readonly kind: "any" }
  | { readonly kind: "allow" | "block"; readonly organisations: readonly number[] };

export interface OrganisationState {
  readonly index: number;
  readonly id: OrganisationId;
  name: string;
  readonly plan: Plan;
  enabled: boolean;
  scope: ScopeModel;
  partners: PartnersModel;
  readonly admins: readonly number[];
  readonly trashRetentionDays: number;
  readonly invitationExpiryDays: number;
  version: number;
}

export interface MemberState {
  readonly index: number;
  readonly id: MemberId;
  readonly organisation: number;
  readonly worksId: string;
  readonly displayName: string;
  readonly familyName: string | null;
  readonly givenName: string | null;
  nickname: string | null;
  photoUrl: string | null;
  /** As typed; `e164` is what search matches. */
  mobilePhone: { readonly raw: string; readonly e164: string } | null;
  email: string | null;
  allowSearchByPhone: boolean;
  version: number;
  /** R13: every QR token issued, the current one last. */
  readonly qrTokens: string[];
}

export interface ContactState {
  readonly id: ContactId;
  readonly owner: number;
  /** The external user (member index) of a linked contact; `null` for a customer contact. */
  readonly target: number | null;
  /** A customer contact's typed-in nickname, company and photo. */
  profile: CustomerProfile | null;
  fields: OwnerFields;
  sharing: Sharing;
  trash: TrashState | null;
  version: number;
  readonly createdAt: Date;
  updatedAt: Date;
}

export interface InvitationState {
  readonly id: InvitationId;
  readonly kind: "email" | "link";
  readonly inviter: number;
  readonly email: string | null;
  /** The URL of the current token; earlier tokens of a re-sent invitation no longer work. */
  url: string;
  createdAt: Date;
  expiresAt: Date;
  readonly maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
  version: number;
}

/** What an operation is expected to do: refuse with a code, or succeed with an answer. */
export type Expected<T> =
  | { readonly ok: false; readonly code: ErrorCode }
  | { readonly ok: true; readonly value: T };

const refuse = (code: ErrorCode): { ok: false; code: ErrorCode } => ({ ok: false, code });
const accept = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const emptyFields: OwnerFields = emptyOwnerFields;

/** R32: the default retention; R20: the default invitation lifetime. */
const defaultRetentionDays = 30;
const defaultExpiryDays = 14;

function item<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no item ${index} of ${list.length}`);
  return value;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * R28: text as a book search compares it — compatibility forms unified (ＡＢＣ → abc,
 * ﾔﾏﾀﾞ → ヤマダ), lower case, no spaces or control characters, katakana read as hiragana.
 * (The world here has no ㈱-style company forms, so they need no folding.)
 */
export function fold(text: string): string {
  const plain = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{Cc}]/gu, "");
  return plain.replace(/[\u30a1-\u30f6]/g, (katakana) =>
    String.fromCodePoint((katakana.codePointAt(0) ?? 0) - 0x60),
  );
}

// ── Inputs the commands hand to the model ─────────────────────────────────────────────────

/** A linking-policy change; members and organisations by index. */
export interface PolicyPatch {
  readonly enabled?: boolean;
  readonly scope?: ScopeModel;
  readonly partners?: PartnersModel;
}

/** A change of the member's own profile (R23: nickname and photo are synced). */
export interface ProfilePatch {
  readonly nickname?: string | null;
  readonly photoUrl?: string | null;
  /** Typed as in {@link phoneBook}. */
  readonly mobilePhone?: string | null;
  readonly email?: string | null;
}

/** An edit of owner fields (R24). `memo: ""` clears the memo. */
export interface FieldPatch {
  readonly familyName?: string | null;
  readonly memo?: string | null;
  readonly tags?: readonly string[];
}

/** R25: what else the edit names — nothing, a synced field, or the customer-only profile. */
export type SyncedTouch = "none" | "nickname" | "profile.company";

export interface CustomerInput {
  readonly familyName: string;
  readonly givenName: string | null;
  /** Typed as in {@link phoneBook}. */
  readonly phone: string | null;
  readonly email: string;
  readonly company: string | null;
}

/** The answer of an add (R15): a new contact, or the one already there. */
export type AddPlan =
  | { readonly status: "added"; readonly replaces: ContactState | null }
  | { readonly status: "existing"; readonly contact: ContactState };

export interface RedeemPlan {
  readonly invitation: InvitationState;
  readonly forRedeemer: AddPlan;
  /** The inviter's side; `null` when the redeemer is in the inviter's trash (R15). */
  readonly forInviter: AddPlan | null;
  /** Whether the redeem uses up a slot of `maxUses`: not when it changes nothing. */
  readonly countsUse: boolean;
}

export type EmailStatus =
  | "sent"
  | "invalid_address"
  | "duplicate_in_request"
  | "already_contact"
  | "already_invited";

export interface EmailPlan {
  readonly email: string;
  readonly status: EmailStatus;
  /** The invitation re-sent for this address (same id, new token), if any. */
  readonly reuses: InvitationState | null;
}

// ── The model ───────────────────────────────────────────────────────────────────────────────

/** Everything partnerbook should hold, and the answer every operation should give. */
export class Model {
  /** R17: whether the book was given a mailer. */
  readonly mailer: boolean;
  now: number = start.getTime();
  readonly organisations: OrganisationState[] = [];
  readonly members: MemberState[] = [];
  /** Contacts still stored, including those past retention that no clean-up removed yet. */
  readonly contacts: ContactState[] = [];
  /** Contacts removed for good (purged), with their owner: every read must say NOT_FOUND. */
  readonly removed: { readonly id: ContactId; readonly owner: number }[] = [];
  readonly invitations: InvitationState[] = [];
  /** Every invite URL ever handed out, working or not, with who handed it out. */
  readonly inviteUrls: { readonly url: string; readonly inviter: number }[] = [];

  constructor(options: { readonly mailer: boolean }) {
    this.mailer = options.mailer;
  }

  /** Registers an organisation created from `spec` (R1: free on, paid off; R32, R20 defaults). */
  addOrganisation(spec: OrganisationSpec, id: OrganisationId): OrganisationState {
    const organisation: OrganisationState = {
      index: this.organisations.length,
      id,
      name: spec.name,
      plan: spec.plan,
      enabled: spec.plan === "free",
      scope: { kind: "all" },
      partners: { kind: "any" },
      admins: [this.members.length],
      trashRetentionDays: spec.trashRetentionDays ?? defaultRetentionDays,
      invitationExpiryDays: spec.invitationExpiryDays ?? defaultExpiryDays,
      version: 1,
    };
    this.organisations.push(organisation);
    return organisation;
  }

  /** Registers a member of the last organisation added. */
  addMember(spec: MemberSpec, id: MemberId): MemberState {
    const member: MemberState = {
      index: this.members.length,
      id,
      organisation: this.organisations.length - 1,
      worksId: spec.worksId,
      displayName: spec.displayName,
      familyName: spec.familyName ?? null,
      givenName: spec.givenName ?? null,
      nickname: spec.nickname ?? null,
      photoUrl: spec.photoUrl ?? null,
      mobilePhone: spec.mobilePhone ? { raw: spec.mobilePhone, e164: e164Of(spec.mobilePhone) } : null,
      email: spec.email ?? null,
      allowSearchByPhone: spec.allowSearchByPhone ?? false,
      version: 1,
      qrTokens: [],
    };
    this.members.push(member);
    return member;
  }

  get clock(): Date {
    return new Date(this.now);
  }

  member(index: number): MemberState {
    return item(this.members, index);
  }

  organisation(index: number): OrganisationState {
    return item(this.organisations, index);
  }

  organisationOf(member: number): OrganisationState {
    return this.organisation(this.member(member).organisation);
  }

  contact(id: ContactId): ContactState | undefined {
    return this.contacts.find((contact) => contact.id === id);
  }

  /** Every contact id a command may name: stored ones, then removed ones. */
  contactIds(): ContactId[] {
    return [...this.contacts.map((contact) => contact.id), ...this.removed.map((gone) => gone.id)];
  }

  /** The member who owns (or owned) contact `id`. */
  ownerOf(id: ContactId): number {
    const owner = this.contact(id)?.owner ?? this.removed.find((gone) => gone.id === id)?.owner;
    if (owner === undefined) throw new Error(`no contact ${id} in the model`);
    return owner;
  }

  // ── R1–R5: linking ─────────────────────────────────────────────────────────────────────────

  /** R1, R2: the member's own side takes part in external linking. */
  openSide(member: number): boolean {
    const organisation = this.organisationOf(member);
    if (!organisation.enabled) return false;
    return organisation.scope.kind === "all" || organisation.scope.members.includes(member);
  }

  /** R4: whether `organisation`'s partner rule lets it link with `partner`. */
  private accepts(organisation: OrganisationState, partner: number): boolean {
    const rule = organisation.partners;
    if (rule.kind === "any") return true;
    return rule.kind === "allow"
      ? rule.organisations.includes(partner)
      : !rule.organisations.includes(partner);
  }

  /** R3, R4: two members may link. */
  canLink(a: number, b: number): boolean {
    const orgA = this.organisationOf(a);
    const orgB = this.organisationOf(b);
    return (
      orgA.index !== orgB.index &&
      this.openSide(a) &&
      this.openSide(b) &&
      this.accepts(orgA, orgB.index) &&
      this.accepts(orgB, orgA.index)
    );
  }

  /** The linking policy in the API's terms. */
  linkingPolicy(organisation: OrganisationState): LinkingPolicy {
    const scope = organisation.scope;
    const partners = organisation.partners;
    return {
      enabled: organisation.enabled,
      scope:
        scope.kind === "all"
          ? scope
          : { kind: "listed", members: scope.members.map((i) => this.member(i).id) },
      partners:
        partners.kind === "any"
          ? partners
          : {
              kind: partners.kind,
              organisations: partners.organisations.map((i) => this.organisation(i).id),
            },
    };
  }

  /** R6: an admin changes the policy; a change that changes nothing is no change. */
  setLinkingPolicy(actor: number, index: number, patch: PolicyPatch): Expected<{ changed: boolean }> {
    const organisation = this.organisation(index);
    if (!organisation.admins.includes(actor)) return refuse("NOT_PERMITTED");
    const next = {
      enabled: patch.enabled ?? organisation.enabled,
      scope: patch.scope ?? organisation.scope,
      partners: patch.partners ?? organisation.partners,
    };
    const before = {
      enabled: organisation.enabled,
      scope: organisation.scope,
      partners: organisation.partners,
    };
    if (sameValue(before, next)) return accept({ changed: false });
    // R2: the listed scope names members of the organisation itself only.
    if (next.scope.kind === "listed" && patch.scope !== undefined) {
      if (next.scope.members.some((member) => this.member(member).organisation !== index)) {
        return refuse("VALIDATION");
      }
    }
    return accept({ changed: true });
  }

  commitLinkingPolicy(index: number, patch: PolicyPatch): void {
    const organisation = this.organisation(index);
    if (patch.enabled !== undefined) organisation.enabled = patch.enabled;
    if (patch.scope !== undefined) organisation.scope = patch.scope;
    if (patch.partners !== undefined) organisation.partners = patch.partners;
    organisation.version += 1;
  }

  /** An admin renames the organisation; R23: company follows on every linked contact. */
  rename(actor: number, index: number, name: string): Expected<{ changed: boolean }> {
    const organisation = this.organisation(index);
    if (!organisation.admins.includes(actor)) return refuse("NOT_PERMITTED");
    return accept({ changed: organisation.name !== name });
  }

  commitRename(index: number, name: string): void {
    const organisation = this.organisation(index);
    organisation.name = name;
    organisation.version += 1;
  }

  // ── Members ────────────────────────────────────────────────────────────────────────────────

  /** Whether the profile change changes anything (and so bumps the version). */
  profileChanges(member: number, patch: ProfilePatch): boolean {
    const m = this.member(member);
    return (
      (patch.nickname !== undefined && patch.nickname !== m.nickname) ||
      (patch.photoUrl !== undefined && patch.photoUrl !== m.photoUrl) ||
      (patch.email !== undefined && patch.email !== m.email) ||
      (patch.mobilePhone !== undefined && patch.mobilePhone !== (m.mobilePhone?.raw ?? null))
    );
  }

  commitProfile(member: number, patch: ProfilePatch): void {
    if (!this.profileChanges(member, patch)) return;
    const m = this.member(member);
    if (patch.nickname !== undefined) m.nickname = patch.nickname;
    if (patch.photoUrl !== undefined) m.photoUrl = patch.photoUrl;
    if (patch.email !== undefined) m.email = patch.email;
    if (patch.mobilePhone !== undefined) {
      m.mobilePhone =
        patch.mobilePhone === null ? null : { raw: patch.mobilePhone, e164: e164Of(patch.mobilePhone) };
    }
    m.version += 1;
  }

  commitPhoneSearch(member: number, allowed: boolean): void {
    const m = this.member(member);
    if (m.allowSearchByPhone === allowed) return;
    m.allowSearchByPhone = allowed;
    m.version += 1;
  }

  /** The member as the API returns it (minus `createdAt`, which the model does not keep). */
  expectedMember(member: number): Omit<Member, "createdAt"> {
    const m = this.member(member);
    return {
      id: m.id,
      organisationId: this.organisationOf(member).id,
      worksId: m.worksId,
      displayName: m.displayName,
      familyName: m.familyName,
      givenName: m.givenName,
      nickname: m.nickname,
      photoUrl: m.photoUrl,
      mobilePhone: m.mobilePhone,
      email: m.email,
      allowSearchByPhone: m.allowSearchByPhone,
      version: m.version,
    };
  }

  /** The organisation as the API returns it (minus `createdAt`). */
  expectedOrganisation(index: number): Omit<Organisation, "createdAt"> {
    const organisation = this.organisation(index);
    return {
      id: organisation.id,
      name: organisation.name,
      plan: organisation.plan,
      linking: this.linkingPolicy(organisation),
      admins: organisation.admins.map((member) => this.member(member).id),
      trashRetentionDays: organisation.trashRetentionDays,
      invitationExpiryDays: organisation.invitationExpiryDays,
      version: organisation.version,
    };
  }

  // ── R7–R11: search ─────────────────────────────────────────────────────────────────────────

  /** R9: the card of a member. */
  card(member: number): ProfileCard {
    const m = this.member(member);
    return {
      memberId: m.id,
      displayName: m.displayName,
      nickname: m.nickname,
      company: this.organisationOf(member).name,
      photoUrl: m.photoUrl,
    };
  }

  /** R9, R10: the cards of the candidates the searcher may link with, by member id. */
  private cards(actor: number, candidates: readonly number[]): Expected<ProfileCard[]> {
    if (!this.openSide(actor)) return refuse("LINKING_DISABLED");
    return accept(
      candidates
        .filter((candidate) => this.canLink(actor, candidate))
        .map((candidate) => this.card(candidate))
        .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)),
    );
  }

  /** R7: exact works ID, trimmed and case-insensitive. */
  searchByWorksId(actor: number, query: string): Expected<ProfileCard[]> {
    const key = query.trim().toLowerCase();
    if (key === "") return refuse("VALIDATION");
    const found = this.members.filter((m) => m.worksId.toLowerCase() === key).map((m) => m.index);
    return this.cards(actor, found);
  }

  /** R8: by E.164 number (`null`: not a phone number), only members who allow it. */
  searchByPhone(actor: number, e164: string | null): Expected<ProfileCard[]> {
    if (e164 === null) return refuse("VALIDATION");
    const found = this.members
      .filter((m) => m.allowSearchByPhone && m.mobilePhone?.e164 === e164)
      .map((m) => m.index);
    return this.cards(actor, found);
  }

  // ── R12–R16: adding ────────────────────────────────────────────────────────────────────────

  /** R33: past `purgeAt` a trashed contact is gone for every read. */
  isGone(contact: ContactState): boolean {
    return contact.trash !== null && this.now >= contact.trash.purgeAt.getTime();
  }

  /** The owner's stored contact for an external user, gone or not. */
  findLinked(owner: number, target: number): ContactState | undefined {
    return this.contacts.find((contact) => contact.owner === owner && contact.target === target);
  }

  /**
   * R12, R15: adding `target` (or nobody, `null`) to `owner`'s book. The owner's own side is
   * checked first (R10), then whether the two may link: every other reason is NOT_FOUND.
   */
  addLinked(owner: number, target: number | null): Expected<AddPlan> {
    if (!this.openSide(owner)) return refuse("LINKING_DISABLED");
    if (target === null || !this.canLink(owner, target)) return refuse("NOT_FOUND");
    return this.addOrExisting(owner, target);
  }

  private addOrExisting(owner: number, target: number): Expected<AddPlan> {
    const existing = this.findLinked(owner, target);
    if (existing !== undefined && !this.isGone(existing)) {
      if (existing.trash !== null) return refuse("IN_TRASH");
      return accept({ status: "existing", contact: existing });
    }
    return accept({ status: "added", replaces: existing ?? null });
  }

  /** Carries out an add the model accepted; `id` is the new contact's, when one was made. */
  commitAdd(owner: number, target: number, plan: AddPlan, id: ContactId | null): void {
    if (plan.status === "existing") return;
    if (id === null) throw new Error("an added contact needs its id");
    // R33: a contact past retention is purged when the person is added again.
    if (plan.replaces !== null) this.remove(plan.replaces);
    const t = this.member(target);
    const named = t.familyName !== null || t.givenName !== null;
    this.contacts.push({
      id,
      owner,
      target,
      profile: null,
      fields: {
        ...emptyFields,
        familyName: named ? t.familyName : t.displayName,
        givenName: named ? t.givenName : null,
      },
      sharing: { visibility: "private", coEditing: false },
      trash: null,
      version: 1,
      createdAt: this.clock,
      updatedAt: this.clock,
    });
  }

  /** R14, R22: a customer contact typed in by hand (limits are out of reach of short runs). */
  commitCustomer(owner: number, input: CustomerInput, id: ContactId): void {
    this.contacts.push({
      id,
      owner,
      target: null,
      profile: { nickname: null, company: input.company, photoUrl: null },
      fields: {
        ...emptyFields,
        familyName: input.familyName,
        givenName: input.givenName,
        phones: input.phone === null ? [] : [{ label: null, e164: e164Of(input.phone), raw: input.phone }],
        emails: [{ label: null, address: input.email }],
      },
      sharing: { visibility: "private", coEditing: false },
      trash: null,
      version: 1,
      createdAt: this.clock,
      updatedAt: this.clock,
    });
  }

  /** R13: the member's current QR token, if one was issued. */
  qrToken(member: number): string | undefined {
    return this.member(member).qrTokens.at(-1);
  }

  commitQrToken(member: number, token: string): void {
    this.member(member).qrTokens.push(token);
  }

  /** R13: the member whose CURRENT token this is; an older token finds nobody. */
  qrOwner(token: string): number | null {
    return this.members.find((m) => m.qrTokens.at(-1) === token)?.index ?? null;
  }

  // ── R26, R27: who sees and edits a contact ─────────────────────────────────────────────────

  /** R27: the owner, or (shared with the organisation) colleagues of the owner. */
  canSee(contact: ContactState, viewer: number): boolean {
    if (contact.owner === viewer) return true;
    if (this.member(contact.owner).organisation !== this.member(viewer).organisation) return false;
    return contact.sharing.visibility === "organisation";
  }

  canEdit(contact: ContactState, viewer: number): boolean {
    return contact.owner === viewer || (contact.sharing.coEditing && this.canSee(contact, viewer));
  }

  /** R31, R33, R27: the contact as one viewer may reach it; a trashed one only its owner. */
  reach(id: ContactId, viewer: number, trashed: "refuse" | "allow"): Expected<ContactState> {
    const contact = this.contact(id);
    if (contact === undefined || this.isGone(contact) || !this.canSee(contact, viewer))
      return refuse("NOT_FOUND");
    if (contact.trash !== null) {
      if (contact.owner !== viewer) return refuse("NOT_FOUND");
      if (trashed === "refuse") return refuse("IN_TRASH");
    }
    return accept(contact);
  }

  /** R26, R27: what `viewer`'s book lists: live contacts they own or that are shared with them. */
  book(viewer: number): ContactState[] {
    return this.contacts.filter(
      (contact) => contact.trash === null && !this.isGone(contact) && this.canSee(contact, viewer),
    );
  }

  /**
   * R26, R28: the viewer's book on one tab, narrowed to contacts whose names, readings,
   * nickname, company, department or memo contain the query (each field on its own).
   */
  find(viewer: number, tab: "customers" | "external", query: string): ContactState[] {
    const wanted = fold(query);
    return this.book(viewer).filter((contact) => {
      if (tab === "external" && contact.target === null) return false;
      if (wanted === "") return true;
      const shown = this.expectedContact(contact);
      const { fields } = shown;
      const profile = shown.kind === "linked" ? shown.synced : shown.profile;
      const joined = (a: string | null, b: string | null) => `${a ?? ""}${b ?? ""}`;
      return [
        fields.familyName,
        fields.givenName,
        joined(fields.familyName, fields.givenName),
        fields.familyNameReading,
        fields.givenNameReading,
        joined(fields.familyNameReading, fields.givenNameReading),
        profile.nickname,
        profile.company,
        fields.department,
        fields.memo,
      ].some((part) => part !== null && fold(part).includes(wanted));
    });
  }

  /** R32: the owner's trash, soonest gone first (purgeAt, then id). */
  trashOf(owner: number): ContactState[] {
    return this.contacts
      .filter((contact) => contact.owner === owner && contact.trash !== null && !this.isGone(contact))
      .sort((a, b) => {
        const at = (a.trash?.purgeAt.getTime() ?? 0) - (b.trash?.purgeAt.getTime() ?? 0);
        return at !== 0 ? at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
  }

  /** R3, R5, R31: what talk the viewer has through the contact. */
  talkAccess(contact: ContactState, viewer: number): TalkAccess {
    if (contact.trash !== null) return { canTalk: false, canViewHistory: false, reason: "in_trash" };
    if (contact.target === null) return { canTalk: false, canViewHistory: false, reason: "customer_contact" };
    if (!this.canLink(viewer, contact.target)) {
      return { canTalk: false, canViewHistory: true, reason: "linking_suspended" };
    }
    return { canTalk: true, canViewHistory: true, reason: "ok" };
  }

  /** The contact exactly as the API should return it; R23: synced from the live profile. */
  expectedContact(contact: ContactState): Contact {
    const owner = this.member(contact.owner);
    const base = {
      id: contact.id,
      ownerId: owner.id,
      organisationId: this.organisationOf(contact.owner).id,
      fields: contact.fields,
      groups: [],
      sharing: contact.sharing,
      trash: contact.trash,
      version: contact.version,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    };
    if (contact.target === null) {
      return {
        ...base,
        kind: "customer",
        profile: contact.profile ?? { nickname: null, company: null, photoUrl: null },
      };
    }
    const target = this.member(contact.target);
    return {
      ...base,
      kind: "linked",
      targetMemberId: target.id,
      targetOrganisationId: this.organisationOf(contact.target).id,
      synced: {
        nickname: target.nickname,
        company: this.organisationOf(contact.target).name,
        photoUrl: target.photoUrl,
      },
    };
  }

  // ── R21–R25, R27: editing and sharing ──────────────────────────────────────────────────────

  /**
   * R24, R25: an edit of owner fields made on `expectedVersion`, perhaps naming a synced field
   * or (customers only) the profile. Answers the fields and profile after it, and whether it
   * changed anything (if not, the contact comes back as it was, at the same version).
   */
  edit(
    actor: number,
    id: ContactId,
    patch: FieldPatch,
    touch: SyncedTouch,
    company: string | null,
    expectedVersion: number,
  ): Expected<{ fields: OwnerFields; profile: CustomerProfile | null; changed: boolean }> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    const contact = reached.value;
    if (!this.canEdit(contact, actor)) return refuse("NOT_PERMITTED");
    if (touch !== "none" && contact.target !== null) return refuse("SYNCED_FIELD");
    if (touch === "nickname") return refuse("VALIDATION");
    if (contact.version !== expectedVersion) return refuse("CONFLICT");
    const fields: OwnerFields = {
      ...contact.fields,
      ...(patch.familyName === undefined ? {} : { familyName: patch.familyName }),
      ...(patch.memo === undefined ? {} : { memo: patch.memo === "" ? null : patch.memo }),
      ...(patch.tags === undefined ? {} : { tags: patch.tags }),
    };
    const profile =
      contact.profile !== null && touch === "profile.company"
        ? { ...contact.profile, company }
        : contact.profile;
    const changed = !sameValue(fields, contact.fields) || !sameValue(profile, contact.profile);
    if (!changed) return accept({ fields, profile, changed });
    // R22: a customer contact keeps a name (and, untouched here, its email).
    if (contact.target === null && fields.familyName === null && fields.givenName === null) {
      return refuse("VALIDATION");
    }
    return accept({ fields, profile, changed });
  }

  commitEdit(id: ContactId, fields: OwnerFields, profile: CustomerProfile | null): void {
    const contact = this.require(id);
    contact.fields = fields;
    contact.profile = profile;
    this.touch(contact);
  }

  /** R27: only the owner shares, on the version they read. */
  share(
    actor: number,
    id: ContactId,
    sharing: Sharing,
    expectedVersion: number,
  ): Expected<{ changed: boolean }> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    const contact = reached.value;
    if (contact.owner !== actor) return refuse("NOT_PERMITTED");
    if (contact.version !== expectedVersion) return refuse("CONFLICT");
    return accept({ changed: !sameValue(contact.sharing, sharing) });
  }

  commitShare(id: ContactId, sharing: Sharing): void {
    const contact = this.require(id);
    contact.sharing = sharing;
    this.touch(contact);
  }

  // ── R30–R34: trash ─────────────────────────────────────────────────────────────────────────

  /** R30, R31: only the owner moves a live contact to the trash. */
  trashDelete(actor: number, id: ContactId): Expected<TrashState> {
    const reached = this.reach(id, actor, "refuse");
    if (!reached.ok) return reached;
    if (reached.value.owner !== actor) return refuse("NOT_PERMITTED");
    const retention = this.organisationOf(actor).trashRetentionDays;
    return accept({ trashedAt: this.clock, purgeAt: new Date(this.now + retention * day) });
  }

  commitDelete(id: ContactId, state: TrashState): void {
    const contact = this.require(id);
    contact.trash = state;
    this.touch(contact);
  }

  /** R32, R34: restore and purge take a trashed contact of the actor's that is not gone. */
  trashed(actor: number, id: ContactId): Expected<ContactState> {
    const reached = this.reach(id, actor, "allow");
    if (!reached.ok) return reached;
    if (reached.value.owner !== actor) return refuse("NOT_PERMITTED");
    if (reached.value.trash === null) return refuse("NOT_IN_TRASH");
    return reached;
  }

  commitRestore(id: ContactId): void {
    const contact = this.require(id);
    contact.trash = null;
    this.touch(contact);
  }

  commitPurge(id: ContactId): void {
    this.remove(this.require(id));
  }

  /** R33: every contact past retention is removed; answers how many. */
  commitPurgeExpired(): number {
    const due = this.contacts.filter((contact) => this.isGone(contact));
    for (const contact of due) this.remove(contact);
    return due.length;
  }

  /** The earliest instant after now at which something expires: a trashed contact or an invitation. */
  nextDeadline(): number | null {
    const instants = [
      ...this.contacts.flatMap((contact) =>
        contact.trash === null ? [] : [contact.trash.purgeAt.getTime()],
      ),
      ...this.invitations.map((invitation) => invitation.expiresAt.getTime()),
    ].filter((instant) => instant > this.now);
    return instants.length === 0 ? null : Math.min(...instants);
  }

  // ── R17–R20: invitations ───────────────────────────────────────────────────────────────────

  /** R18: a link the inviter can hand out; their own side must be open (R10). */
  createLink(
    inviter: number,
    options: { expiresInDays?: number; maxUses?: number },
  ): Expected<{
    expiresAt: Date;
    maxUses: number | null;
  }> {
    if (!this.openSide(inviter)) return refuse("LINKING_DISABLED");
    const days = options.expiresInDays ?? this.organisationOf(inviter).invitationExpiryDays;
    return accept({ expiresAt: new Date(this.now + days * day), maxUses: options.maxUses ?? null });
  }

  commitLink(inviter: number, id: InvitationId, url: string, expiresAt: Date, maxUses: number | null): void {
    this.invitations.push({
      id,
      kind: "link",
      inviter,
      email: null,
      url,
      createdAt: this.clock,
      expiresAt,
      maxUses,
      uses: 0,
      revokedAt: null,
      version: 1,
    });
    this.inviteUrls.push({ url, inviter });
  }

  invitation(id: InvitationId): InvitationState {
    const invitation = this.invitations.find((candidate) => candidate.id === id);
    if (invitation === undefined) throw new Error(`no invitation ${id} in the model`);
    return invitation;
  }

  /** The invitation in the API's terms (the token hash aside, which the model cannot know). */
  expectedInvitation(invitation: InvitationState): Omit<Invitation, "tokenHash"> {
    return {
      id: invitation.id,
      kind: invitation.kind,
      inviterId: this.member(invitation.inviter).id,
      organisationId: this.organisationOf(invitation.inviter).id,
      email: invitation.email,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      maxUses: invitation.maxUses,
      uses: invitation.uses,
      revokedAt: invitation.revokedAt,
      version: invitation.version,
    };
  }

  /** R19, R20: why an invitation cannot be redeemed now, or `null`. */
  private redeemRefusal(invitation: InvitationState): ErrorCode | null {
    if (invitation.revokedAt !== null) return "INVITATION_REVOKED";
    if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "INVITATION_USED_UP";
    if (this.now >= invitation.expiresAt.getTime()) return "INVITATION_EXPIRED";
    return null;
  }

  /** The invitations the inviter can still see redeemed. */
  pending(inviter: number): InvitationState[] {
    return this.invitations.filter(
      (invitation) => invitation.inviter === inviter && this.redeemRefusal(invitation) === null,
    );
  }

  /** Only the inviter revokes; revoking twice changes nothing. */
  revoke(actor: number, id: InvitationId): Expected<{ changed: boolean }> {
    const invitation = this.invitation(id);
    if (invitation.inviter !== actor) return refuse("NOT_FOUND");
    return accept({ changed: invitation.revokedAt === null });
  }

  commitRevoke(id: InvitationId): void {
    const invitation = this.invitation(id);
    invitation.revokedAt = this.clock;
    invitation.version += 1;
  }

  /**
   * R19: the redeemer adds the inviter and, (chosen), the inviter the redeemer. Only the URL's
   * current token works; the whole redeem is refused if the redeemer's own add is.
   */
  redeem(redeemer: number, url: string): Expected<RedeemPlan> {
    if (!this.openSide(redeemer)) return refuse("LINKING_DISABLED");
    const invitation = this.invitations.find((candidate) => candidate.url === url);
    if (invitation === undefined) return refuse("NOT_FOUND");
    const refusal = this.redeemRefusal(invitation);
    if (refusal !== null) return refuse(refusal);
    const inviter = invitation.inviter;
    if (inviter === redeemer) return refuse("NOT_PERMITTED");
    if (this.member(inviter).organisation === this.member(redeemer).organisation)
      return refuse("NOT_PERMITTED");
    // R10: the inviter's side refusing is the NOT_FOUND of any add refused by the other side.
    if (!this.canLink(redeemer, inviter)) return refuse("NOT_FOUND");
    const forRedeemer = this.addOrExisting(redeemer, inviter);
    if (!forRedeemer.ok) return forRedeemer;
    const forInviter = this.addOrExisting(inviter, redeemer);
    if (!forInviter.ok && forInviter.code !== "IN_TRASH") return forInviter;
    const back = forInviter.ok ? forInviter.value : null;
    // (chosen) Opening a link again once both are linked changes nothing and uses no slot.
    const countsUse = forRedeemer.value.status === "added" || back?.status === "added";
    return accept({ invitation, forRedeemer: forRedeemer.value, forInviter: back, countsUse });
  }

  commitRedeemed(invitation: InvitationState): void {
    invitation.uses += 1;
    invitation.version += 1;
  }

  /**
   * R17: the answer per address, in order: invalid, repeated, already a (live, untrashed)
   * contact, already invited and still pending (re-sent), or sent.
   */
  sendEmail(inviter: number, addresses: readonly string[]): Expected<EmailPlan[]> {
    if (!this.mailer) return refuse("NOT_CONFIGURED");
    if (!this.openSide(inviter)) return refuse("LINKING_DISABLED");
    const seen = new Set<string>();
    const plans: EmailPlan[] = [];
    for (const typed of addresses) {
      const email = typed.trim().toLowerCase();
      let plan: EmailPlan;
      if (!/^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email)) {
        plan = { email, status: "invalid_address", reuses: null };
      } else if (seen.has(email)) {
        plan = { email, status: "duplicate_in_request", reuses: null };
      } else if (
        this.members.some((m) => m.email === email && this.findLinked(inviter, m.index)?.trash === null)
      ) {
        plan = { email, status: "already_contact", reuses: null };
      } else {
        const previous = this.invitations.find(
          (invitation) =>
            invitation.kind === "email" && invitation.inviter === inviter && invitation.email === email,
        );
        const pending = previous !== undefined && this.redeemRefusal(previous) === null;
        plan = { email, status: pending ? "already_invited" : "sent", reuses: previous ?? null };
      }
      seen.add(email);
      plans.push(plan);
    }
    return accept(plans);
  }

  /** An email invitation went out with a new token at `url` (R20: single use). */
  commitEmailInvitation(inviter: number, plan: EmailPlan, id: InvitationId, url: string): void {
    const expiresAt = new Date(this.now + this.organisationOf(inviter).invitationExpiryDays * day);
    const previous = plan.reuses;
    if (previous === null) {
      this.invitations.push({
        id,
        kind: "email",
        inviter,
        email: plan.email,
        url,
        createdAt: this.clock,
        expiresAt,
        maxUses: 1,
        uses: 0,
        revokedAt: null,
        version: 1,
      });
    } else {
      Object.assign(previous, { url, createdAt: this.clock, expiresAt, uses: 0, revokedAt: null });
      previous.version += 1;
    }
    this.inviteUrls.push({ url, inviter });
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────

  private require(id: ContactId): ContactState {
    const contact = this.contact(id);
    if (contact === undefined) throw new Error(`no contact ${id} in the model`);
    return contact;
  }

  /** A change the owner made: a new version at this moment. */
  private touch(contact: ContactState): void {
    contact.version += 1;
    contact.updatedAt = this.clock;
  }

  private remove(contact: ContactState): void {
    this.contacts.splice(this.contacts.indexOf(contact), 1);
    this.removed.push({ id: contact.id, owner: contact.owner });
  }
}
