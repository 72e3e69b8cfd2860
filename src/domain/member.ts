import type { MemberId, OrganisationId } from "./ids.js";
import type { PhoneNumber } from "./phone.js";

/** A user of one organisation, as that organisation's own directory knows them. */
export interface Member {
  readonly id: MemberId;
  readonly organisationId: OrganisationId;
  /** The works/talk ID as registered; unique across all organisations, case-insensitively. */
  readonly worksId: string;
  readonly displayName: string;
  readonly familyName: string | null;
  readonly givenName: string | null;
  /** R23: synced into every linked contact that points at this member. */
  readonly nickname: string | null;
  /** R23: synced into every linked contact that points at this member. */
  readonly photoUrl: string | null;
  readonly mobilePhone: PhoneNumber | null;
  readonly email: string | null;
  /** R8: off until the member turns it on. */
  readonly allowSearchByPhone: boolean;
  readonly version: number;
  readonly createdAt: Date;
}

/**
 * R7: the form a works ID is matched in — trimmed and case-folded.
 *
 * @example
 * normaliseWorksId("  Sato@Acme ") // "sato@acme"
 */
export function normaliseWorksId(worksId: string): string {
  return worksId.trim().toLowerCase();
}
