import { emptyOwnerFields } from "../../../src/domain/contact.js";
import type {
  ContactId,
  CustomerProfile,
  ErrorCode,
  InvitationId,
  MemberId,
  OrganisationId,
  OwnerFields,
  Plan,
  Sharing,
  TrashState,
} from "../../../src/index.js";
import { phoneBook } from "./world.js";

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

export const refuse = (code: ErrorCode): { ok: false; code: ErrorCode } => ({ ok: false, code });
export const accept = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const emptyFields: OwnerFields = emptyOwnerFields;

/** R32: the default retention; R20: the default invitation lifetime. */
export const defaultRetentionDays = 30;
export const defaultExpiryDays = 14;

export function item<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no item ${index} of ${list.length}`);
  return value;
}

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
