import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LinkingPolicyPatchInput, Member, MemberId, Organisation } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, type World } from "../support/builders.js";

type Way = "works ID" | "phone";

/** Mostly true, so that a run where everything lines up (and the target is found) is common. */
const likely = fc.oneof(
  { arbitrary: fc.constant(true), weight: 3 },
  { arbitrary: fc.constant(false), weight: 1 },
);
/** The searcher's own side is usually open, so most runs reach the other side's rules. */
const usually = fc.oneof(
  { arbitrary: fc.constant(true), weight: 7 },
  { arbitrary: fc.constant(false), weight: 1 },
);

const situation = fc.record({
  way: fc.constantFrom<Way>("works ID", "phone"),
  typed: fc.nat({ max: 2 }),
  exists: likely,
  sameOrganisation: fc.oneof(
    { arbitrary: fc.constant(false), weight: 4 },
    { arbitrary: fc.constant(true), weight: 1 },
  ),
  hasPhone: likely,
  phoneSearchAllowed: likely,
  searcherOrganisationOn: usually,
  searcherInScope: usually,
  targetOrganisationOn: likely,
  targetInScope: likely,
  /** When in scope: by an "all" scope, or by being listed. */
  targetListed: fc.boolean(),
  theirPartners: fc.constantFrom("any", "any", "blocks us", "allows us", "allows only others"),
  ourPartners: fc.constantFrom("any", "any", "blocks them", "allows them"),
});

type Situation = typeof situation extends fc.Arbitrary<infer T> ? T : never;

const registeredWorksId = "Target.Person@Globex";
const worksIdAsTyped = [registeredWorksId, "target.person@globex", "  TARGET.PERSON@GLOBEX "];
const phoneAsTyped = ["090-1234-5678", "+81 90 1234 5678", "０９０１２３４５６７８"];
const elsewhere = "org_elsewhere";

function scopeOf(admin: MemberId, members: readonly { id: MemberId; inScope: boolean }[]) {
  if (members.every((member) => member.inScope)) return { kind: "all" as const };
  return {
    kind: "listed" as const,
    members: [admin, ...members.filter((member) => member.inScope).map((member) => member.id)],
  };
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

async function setPolicy(
  world: World,
  org: { organisation: Organisation; admin: Member },
  patch: LinkingPolicyPatchInput,
) {
  await world.book.organisations.setLinkingPolicy(org.admin.id, org.organisation.id, patch);
}

/** Builds the situation in a fresh world; returns the searcher, the target (if any) and the target's org. */
async function arrange(s: Situation) {
  const world = aWorld();
  const acme = await anOrganisation(world, { name: "Acme" });
  const globex = s.sameOrganisation ? acme : await anOrganisation(world, { name: "Globex" });
  const searcher = await aMember(world, acme);
  const target = s.exists
    ? await aMember(world, globex, {
        worksId: registeredWorksId,
        displayName: "Target Person",
        mobilePhone: s.hasPhone ? "090-1234-5678" : null,
        email: "target@globex.example",
      })
    : null;
  if (target !== null && s.phoneSearchAllowed) await world.book.members.setPhoneSearch(target.id, true);

  const targetScope = target === null ? [] : [{ id: target.id, inScope: s.targetInScope }];
  if (s.sameOrganisation) {
    await setPolicy(world, acme, {
      enabled: s.searcherOrganisationOn,
      scope: scopeOf(acme.admin.id, [{ id: searcher.id, inScope: s.searcherInScope }, ...targetScope]),
    });
    return { world, searcher, target, acme, globex };
  }

  await setPolicy(world, acme, {
    enabled: s.searcherOrganisationOn,
    scope: scopeOf(acme.admin.id, [{ id: searcher.id, inScope: s.searcherInScope }]),
    partners:
      s.ourPartners === "blocks them"
        ? { kind: "block", organisations: [globex.organisation.id] }
        : s.ourPartners === "allows them"
          ? { kind: "allow", organisations: [globex.organisation.id] }
          : { kind: "any" },
  });
  await setPolicy(world, globex, {
    enabled: s.targetOrganisationOn,
    scope:
      target !== null && s.targetInScope && s.targetListed
        ? { kind: "listed", members: [globex.admin.id, target.id] }
        : scopeOf(globex.admin.id, targetScope),
    partners:
      s.theirPartners === "blocks us"
        ? { kind: "block", organisations: [acme.organisation.id] }
        : s.theirPartners === "allows us"
          ? { kind: "allow", organisations: [elsewhere, acme.organisation.id] }
          : s.theirPartners === "allows only others"
            ? { kind: "allow", organisations: [elsewhere] }
            : { kind: "any" },
  });
  return { world, searcher, target, acme, globex };
}

/** R3 + R8, stated independently of the code under test. */
function shouldBeFound(s: Situation): boolean {
  const linkable =
    !s.sameOrganisation &&
    s.targetOrganisationOn &&
    s.targetInScope &&
    s.ourPartners !== "blocks them" &&
    s.theirPartners !== "blocks us" &&
    s.theirPartners !== "allows only others";
  const searchable = s.way === "works ID" || (s.hasPhone && s.phoneSearchAllowed);
  return s.exists && linkable && searchable;
}

describe("search properties", () => {
  it("R10: search never reveals why nobody was found", async () => {
    await fc.assert(
      fc.asyncProperty(situation, async (s) => {
        const { world, searcher, target } = await arrange(s);
        const query =
          s.way === "works ID"
            ? () => world.book.search.byWorksId(searcher.id, worksIdAsTyped[s.typed] ?? registeredWorksId)
            : () => world.book.search.byPhone(searcher.id, phoneAsTyped[s.typed] ?? "090-1234-5678");
        const outcome = await settle(query());
        const nobody = await settle(world.book.search.byWorksId(searcher.id, "no.such.member"));

        if (!(s.searcherOrganisationOn && s.searcherInScope)) {
          // The searcher's own side: an explicit error, and the same one whoever they looked for.
          expect(outcome).toEqual({ error: expect.objectContaining({ code: "LINKING_DISABLED" }) });
          if (!("error" in outcome) || !("error" in nobody)) throw new Error("expected both to fail");
          expect(outcome.error).toEqual(nobody.error);
          return;
        }

        if ("error" in outcome) throw outcome.error;
        if ("error" in nobody) throw nobody.error;
        expect(nobody.value).toEqual([]);
        if (outcome.value.length === 0) expect(outcome.value).toEqual(nobody.value);
        const expected =
          shouldBeFound(s) && target !== null
            ? [
                {
                  memberId: target.id,
                  displayName: "Target Person",
                  nickname: null,
                  company: "Globex",
                  photoUrl: null,
                },
              ]
            : [];
        expect(outcome.value).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
