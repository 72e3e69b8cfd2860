import type { LinkingPolicy, Member, Organisation, ProfileCard } from "../../../src/index.js";
import { ModelState } from "./base.js";
import {
  accept,
  type Expected,
  type OrganisationState,
  type PolicyPatch,
  type ProfilePatch,
  refuse,
  sameValue,
} from "./state.js";
import { e164Of } from "./world.js";

/** R1–R11: who may link, the organisation and member changes that move it, and search. */
export class LinkingModel extends ModelState {
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
}
