import { addHours } from "date-fns/addHours";
import type { InvitationId, MemberId, OrganisationId } from "./ids.js";

/** R17, R18: an email invitation (single-use) or a shareable invite link (reusable). */
export type InvitationKind = "email" | "link";

/**
 * An invitation to link with its inviter. The token itself is never stored — only its SHA-256
 * hash (R20) — so a copy of the store does not let anyone redeem anything.
 */
export interface Invitation {
  readonly id: InvitationId;
  readonly kind: InvitationKind;
  readonly inviterId: MemberId;
  readonly organisationId: OrganisationId;
  /** Hex SHA-256 of the token; the only form in which the token is kept. */
  readonly tokenHash: string;
  /** Email invitations: the address, lower-cased for matching. */
  readonly email: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** `null`: unlimited until it expires or is revoked. Email invitations: 1. */
  readonly maxUses: number | null;
  readonly uses: number;
  readonly revokedAt: Date | null;
  readonly version: number;
}

/** R20: how long an invitation lives unless the organisation says otherwise. */
export const defaultInvitationExpiryDays = 14;

/** R17: the most addresses one `sendEmail` call takes. */
export const maxEmailsPerRequest = 100;

/** Why an invitation cannot be redeemed now. */
export type RedeemRefusal = "revoked" | "used_up" | "expired";

/** R19, R20: `null` if the invitation can be redeemed at `now`, else why not. */
export function redeemRefusal(invitation: Invitation, now: Date): RedeemRefusal | null {
  if (invitation.revokedAt !== null) return "revoked";
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "used_up";
  if (now.getTime() >= invitation.expiresAt.getTime()) return "expired";
  return null;
}

/** R20: the instant an invitation made at `now` expires, `days` × 24 h later. */
export function invitationExpiry(now: Date, days: number): Date {
  return addHours(now, days * 24);
}

/** Whether the invitation is still waiting to be redeemed at `now` (for "already invited"). */
export function isPending(invitation: Invitation, now: Date): boolean {
  return redeemRefusal(invitation, now) === null;
}

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Reads the token out of what a person pasted: the token itself, or an invite URL whose last
 * path segment (or `token` query parameter) is the token. `null` if it is neither.
 *
 * @example
 * invitationTokenFrom("https://example.com/invite/V1StGXR8_Z5jdHi6B-myT") // "V1StGXR8_Z5jdHi6B-myT"
 */
export function invitationTokenFrom(input: string): string | null {
  const text = input.trim();
  if (tokenPattern.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const candidate = url.searchParams.get("token") ?? url.pathname.split("/").filter(Boolean).at(-1) ?? "";
  return tokenPattern.test(candidate) ? candidate : null;
}

/** The URL an invitation is shared as: `<baseUrl>/<token>`. */
export function invitationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${token}`;
}
