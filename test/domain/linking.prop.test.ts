import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asMemberId, asOrganisationId, type MemberId, type OrganisationId } from "../../src/domain/ids.js";
import { acceptsPartner, canLink, inScope, linkState, type Party } from "../../src/domain/linking.js";
import type { Member } from "../../src/domain/member.js";
import type {
  LinkingPolicy,
  LinkingScope,
  Organisation,
  PartnerRule,
  Plan,
} from "../../src/domain/organisation.js";
import { aMember } from "../../src/testing/records.js";

const at = new Date("2026-04-01T00:00:00.000Z");
const orgIds = ["org_a", "org_b", "org_c"].map(asOrganisationId);
const memberIds = ["mem_1", "mem_2", "mem_3"].map(asMemberId);

/** A scope: all, or a listed subset of the known members (which may or may not hold the member). */
const scopeArb: fc.Arbitrary<LinkingScope> = fc.oneof(
  fc.constant({ kind: "all" as const }),
  fc.subarray(memberIds).map((members) => ({ kind: "listed" as const, members })),
);

/** A partner rule: any, or an allow/block list of known organisations (with or without the partner). */
const partnersArb: fc.Arbitrary<PartnerRule> = fc.oneof(
  fc.constant({ kind: "any" as const }),
  fc.subarray(orgIds).map((organisations) => ({ kind: "allow" as const, organisations })),
  fc.subarray(orgIds).map((organisations) => ({ kind: "block" as const, organisations })),
);

const policyArb: fc.Arbitrary<LinkingPolicy> = fc.record({
  enabled: fc.boolean(),
  scope: scopeArb,
  partners: partnersArb,
});

const planArb: fc.Arbitrary<Plan> = fc.constantFrom("free", "standard", "advanced");

function organisation(id: OrganisationId, plan: Plan, linking: LinkingPolicy): Organisation {
  return {
    id,
    name: `Org ${id}`,
    plan,
    linking,
    admins: [],
    trashRetentionDays: 30,
    invitationExpiryDays: 14,
    version: 1,
    createdAt: at,
  };
}

function member(id: MemberId, organisationId: OrganisationId): Member {
  return aMember(id, organisationId);
}

function partyArb(organisationId: OrganisationId, memberId: MemberId): fc.Arbitrary<Party> {
  return fc.record({ plan: planArb, policy: policyArb }).map(({ plan, policy }) => ({
    organisation: organisation(organisationId, plan, policy),
    member: member(memberId, organisationId),
  }));
}

/** Two parties of different organisations, each with an arbitrary policy. */
const pairArb: fc.Arbitrary<[Party, Party]> = fc
  .tuple(fc.shuffledSubarray(orgIds, { minLength: 2, maxLength: 2 }), fc.constantFrom(...memberIds))
  .chain(([[first, second], firstMember]) => {
    const others = memberIds.filter((id) => id !== firstMember);
    return fc.tuple(
      partyArb(first as OrganisationId, firstMember),
      fc.constantFrom(...others).chain((secondMember) => partyArb(second as OrganisationId, secondMember)),
    );
  });

/** R1–R4 written out independently: one side is open to the other. */
function openTo(self: Party, partner: Party): boolean {
  const { enabled, scope, partners } = self.organisation.linking;
  const scoped = scope.kind === "all" || scope.members.includes(self.member.id);
  const accepted =
    partners.kind === "any" ||
    (partners.kind === "allow") === partners.organisations.includes(partner.organisation.id);
  return enabled && scoped && accepted;
}

function blocking(party: Party, blocked: OrganisationId, extra: readonly OrganisationId[]): Party {
  const partners: PartnerRule = { kind: "block", organisations: [...extra, blocked] };
  return {
    ...party,
    organisation: { ...party.organisation, linking: { ...party.organisation.linking, partners } },
  };
}

describe("canLink properties", () => {
  it("R3: canLink is symmetric in whether it allows", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(canLink(a, b).ok).toBe(canLink(b, a).ok);
        expect(linkState(a, b)).toBe(linkState(b, a));
      }),
    );
  });

  it("R3: canLink allows exactly when both sides are switched on, in scope and accept each other", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(canLink(a, b).ok).toBe(openTo(a, b) && openTo(b, a));
      }),
    );
  });

  it("R3: a refusal names a side that really refuses", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const decision = canLink(a, b);
        if (decision.ok || decision.reason === "same_organisation") return;
        const [refusing, other] = decision.side === "self" ? [a, b] : [b, a];
        expect(openTo(refusing, other)).toBe(false);
        if (decision.side === "partner") expect(openTo(a, b)).toBe(true);
      }),
    );
  });

  it("R4: a block-list entry on either side refuses both ways", () => {
    fc.assert(
      fc.property(pairArb, fc.boolean(), fc.subarray(orgIds), ([a, b], firstBlocks, extra) => {
        const [x, y] = firstBlocks
          ? [blocking(a, b.organisation.id, extra), b]
          : [a, blocking(b, a.organisation.id, extra)];
        expect(canLink(x, y).ok).toBe(false);
        expect(canLink(y, x).ok).toBe(false);
      }),
    );
  });

  it("R4: a blocking side that is otherwise open refuses as partner_not_allowed", () => {
    fc.assert(
      fc.property(pairArb, fc.subarray(orgIds), ([a, b], extra) => {
        const blocker = blocking(
          {
            ...a,
            organisation: {
              ...a.organisation,
              linking: { ...a.organisation.linking, enabled: true, scope: { kind: "all" } },
            },
          },
          b.organisation.id,
          extra,
        );
        expect(canLink(blocker, b)).toEqual({ ok: false, reason: "partner_not_allowed", side: "self" });
      }),
    );
  });

  it("R3: two members of the same organisation never link", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...orgIds),
        planArb,
        policyArb,
        fc.constantFrom(...memberIds),
        fc.constantFrom(...memberIds),
        (orgId, plan, policy, first, second) => {
          const org = organisation(orgId, plan, policy);
          const a: Party = { organisation: org, member: member(first, orgId) };
          const b: Party = { organisation: org, member: member(second, orgId) };
          expect(canLink(a, b)).toEqual({ ok: false, reason: "same_organisation" });
          expect(canLink(b, a)).toEqual({ ok: false, reason: "same_organisation" });
          expect(linkState(a, b)).toBe("suspended");
        },
      ),
    );
  });
});

describe("scope and partner rule properties", () => {
  it("R2: a listed scope includes a member exactly when the list names them", () => {
    fc.assert(
      fc.property(fc.subarray(memberIds), fc.constantFrom(...memberIds), (members, id) => {
        expect(inScope({ kind: "listed", members }, id)).toBe(members.includes(id));
      }),
    );
  });

  it("R4: a block-list refuses exactly the organisations the same allow-list accepts", () => {
    fc.assert(
      fc.property(fc.subarray(orgIds), fc.constantFrom(...orgIds), (organisations, id) => {
        expect(acceptsPartner({ kind: "block", organisations }, id)).toBe(
          !acceptsPartner({ kind: "allow", organisations }, id),
        );
      }),
    );
  });
});
