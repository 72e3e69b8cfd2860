import type { MemberId, OrganisationId } from "./ids.js";
import type { Member } from "./member.js";
import type { LinkingScope, Organisation, PartnerRule } from "./organisation.js";

/** A member together with the organisation whose policy governs them. */
export interface Party {
  readonly organisation: Organisation;
  readonly member: Member;
}

/** Why one side cannot take part in a link. */
export type SideRefusal = "linking_off" | "out_of_scope" | "partner_not_allowed";

/** The outcome of {@link canLink}: a value, so callers and property tests can inspect it. */
export type LinkDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "same_organisation" }
  | { readonly ok: false; readonly reason: SideRefusal; readonly side: "self" | "partner" };

// The listed scope may hold thousands of members; a Set per policy value keeps the check O(1)
// while the policy itself stays a plain, serialisable array. Only frozen arrays are cached:
// an array that can still change would leave a stale Set behind.
const scopeSets = new WeakMap<readonly MemberId[], ReadonlySet<MemberId>>();

/** R2: whether `memberId` is inside the organisation's linking scope. */
export function inScope(scope: LinkingScope, memberId: MemberId): boolean {
  if (scope.kind === "all") return true;
  if (!Object.isFrozen(scope.members)) return scope.members.includes(memberId);
  let set = scopeSets.get(scope.members);
  if (set === undefined) {
    set = new Set(scope.members);
    scopeSets.set(scope.members, set);
  }
  return set.has(memberId);
}

/** R4: whether a partner rule lets the organisation link with `partner`. */
export function acceptsPartner(rule: PartnerRule, partner: OrganisationId): boolean {
  switch (rule.kind) {
    case "any":
      return true;
    case "allow":
      return rule.organisations.includes(partner);
    case "block":
      return !rule.organisations.includes(partner);
  }
}

/**
 * R1–R3 for one side alone: is this member allowed to take part in external linking at all?
 * Returns the refusal, or `null` when their side is open.
 */
export function ownSideRefusal(self: Party): "linking_off" | "out_of_scope" | null {
  const policy = self.organisation.linking;
  if (!policy.enabled) return "linking_off";
  if (!inScope(policy.scope, self.member.id)) return "out_of_scope";
  return null;
}

// R10: every check of a side is made whichever of them refuses (and canLink checks both sides
// and the organisations whichever refuses): a search decides in memory, and how long deciding
// takes must not tell a caller which rule left a member out.
function sideRefusal(self: Party, partner: Party): SideRefusal | null {
  const policy = self.organisation.linking;
  const inside = inScope(policy.scope, self.member.id);
  const accepts = acceptsPartner(policy.partners, partner.organisation.id);
  if (!policy.enabled) return "linking_off";
  if (!inside) return "out_of_scope";
  return accepts ? null : "partner_not_allowed";
}

/**
 * R3/R4: two members may link only when both organisations have linking on, both members are
 * in their organisation's scope, and neither organisation excludes the other. Symmetric in
 * whether it allows; the reason names the first side (self, then partner) that refuses.
 *
 * @example
 * canLink({ organisation: acme, member: sato }, { organisation: globex, member: lee })
 * // { ok: false, reason: "linking_off", side: "partner" }
 */
export function canLink(self: Party, partner: Party): LinkDecision {
  const own = sideRefusal(self, partner);
  const theirs = sideRefusal(partner, self);
  if (self.organisation.id === partner.organisation.id) {
    return { ok: false, reason: "same_organisation" };
  }
  if (own !== null) return { ok: false, reason: own, side: "self" };
  if (theirs !== null) return { ok: false, reason: theirs, side: "partner" };
  return { ok: true };
}

/**
 * R5: a link is never stored as on or off; it is `active` or `suspended` according to both
 * organisations' policies right now, so switching back on resumes it as it was.
 */
export function linkState(self: Party, partner: Party): "active" | "suspended" {
  return canLink(self, partner).ok ? "active" : "suspended";
}
