import type { InvitationId, MemberId } from "../domain/ids.js";
import type { Invitation } from "../domain/invitation.js";
import type { ReadOptions } from "./read-options.js";

/** See {@link OrganisationRepository} for the write contract. */
export interface InvitationRepository {
  /** The invitation with this id, or `null`. */
  get(id: InvitationId, options?: ReadOptions): Promise<Invitation | null>;
  /** R20: tokens are found by their hash only. Unique. */
  findByTokenHash(tokenHash: string, options?: ReadOptions): Promise<Invitation | null>;
  /** R17: the inviter's email invitation to this address (lower-cased), if any. Unique per pair. */
  findByInviterAndEmail(
    inviterId: MemberId,
    email: string,
    options?: ReadOptions,
  ): Promise<Invitation | null>;
  /** The inviter's invitations, newest first. */
  listByInviter(inviterId: MemberId): Promise<Invitation[]>;
  /**
   * Stores a new invitation; `CONFLICT` if its id or token hash is taken, or the inviter already
   * invited that address (R20).
   */
  insert(invitation: Invitation): Promise<void>;
  /** Replaces the invitation if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(invitation: Invitation, expectedVersion: number): Promise<void>;
}

/**
 * R13, R20: a member's current QR code as stored: which generation it is and its token's hash.
 * The token itself is derived from the app's secret when shown and never stored.
 */
export interface QrCode {
  /** Re-issuing bumps it; 0 for a code kept from before codes were derived. */
  readonly generation: number;
  readonly tokenHash: string;
}

/** R13: each member's current QR code. Setting a new one replaces the old one. */
export interface QrCodeRepository {
  /** R20: the member whose current code has this token hash. */
  findMember(tokenHash: string): Promise<MemberId | null>;
  /** The member's current code, or `null` if the member has none. */
  get(memberId: MemberId): Promise<QrCode | null>;
  /**
   * Replaces the member's code. CONFLICT if `code.tokenHash` is another member's, or the
   * member's current one: a token is never issued twice.
   */
  set(memberId: MemberId, code: QrCode): Promise<void>;
}
