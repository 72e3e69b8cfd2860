import type { MemberId, OrganisationId } from "./ids.js";

/** The messenger plan an organisation is on. */
export type Plan = "free" | "standard" | "advanced";

/** R2: who inside the organisation takes part in external linking. */
export type LinkingScope =
  | { readonly kind: "all" }
  | { readonly kind: "listed"; readonly members: readonly MemberId[] };

/**
 * R4 (chosen): which partner organisations may be linked with.
 * `any` — every organisation; `allow` — only those listed; `block` — all but those listed.
 */
export type PartnerRule =
  | { readonly kind: "any" }
  | { readonly kind: "allow"; readonly organisations: readonly OrganisationId[] }
  | { readonly kind: "block"; readonly organisations: readonly OrganisationId[] };

/** R1–R4: an organisation's external-linking switch, scope and partner list. */
export interface LinkingPolicy {
  readonly enabled: boolean;
  readonly scope: LinkingScope;
  readonly partners: PartnerRule;
}

/** A company or tenant on the messenger. */
export interface Organisation {
  readonly id: OrganisationId;
  readonly name: string;
  readonly plan: Plan;
  readonly linking: LinkingPolicy;
  readonly admins: readonly MemberId[];
  /** R32: how long a deleted contact stays restorable, in days. */
  readonly trashRetentionDays: number;
  /** R20: how long a new invitation can be redeemed, in days. */
  readonly invitationExpiryDays: number;
  readonly version: number;
  readonly createdAt: Date;
}

/** R32: the retention an organisation gets unless it says otherwise. */
export const defaultTrashRetentionDays = 30;

/**
 * R1: free organisations start with external linking on; paid plans start with it off
 * until an admin turns it on.
 *
 * @example
 * defaultLinkingPolicy("standard").enabled // false
 */
export function defaultLinkingPolicy(plan: Plan): LinkingPolicy {
  return { enabled: plan === "free", scope: { kind: "all" }, partners: { kind: "any" } };
}

/**
 * R16: how many contacts (trash not counted) an organisation may hold.
 *
 * @example
 * contactLimit("free") // 500
 */
export function contactLimit(plan: Plan): number {
  return plan === "free" ? 500 : 100_000;
}

/** R6: only admins change the organisation's policy. */
export function isAdmin(organisation: Organisation, memberId: MemberId): boolean {
  return organisation.admins.includes(memberId);
}

/** R6: whether two policies are the same, so that a change that changes nothing is not recorded. */
export function sameLinkingPolicy(a: LinkingPolicy, b: LinkingPolicy): boolean {
  const key = (policy: LinkingPolicy) => JSON.stringify([policy.enabled, policy.scope, policy.partners]);
  return key(a) === key(b);
}
