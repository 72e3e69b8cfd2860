import { describe, expect, it } from "vitest";
import {
  fixedWindowRateLimiter,
  type LinkingPolicy,
  type Member,
  type Party,
  visibleCards,
} from "../../src/index.js";
import * as records from "../../src/testing/records.js";
import { aMember, twoLinkableMembers, type World } from "../support/builders.js";
import { aRecordingWorld } from "../support/recording-store.js";
import { nobodysPhone, nobodysWorksId, type Scene, type Way } from "./search-world.js";

describe("R10: the same work for every reason nobody is found", () => {
  type Close = (world: World, scene: Scene, target: Member) => Promise<unknown>;
  const reasons: readonly (readonly [reason: string, ways: readonly Way[], close: Close])[] = [
    [
      "their organisation is off",
      ["works ID", "phone"],
      (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          enabled: false,
        }),
    ],
    [
      "the member is outside their scope",
      ["works ID", "phone"],
      (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          scope: { kind: "listed", members: [globex.admin.id] },
        }),
    ],
    [
      "their organisation blocks the searcher's",
      ["works ID", "phone"],
      (world, { acme, globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          partners: { kind: "block", organisations: [acme.organisation.id] },
        }),
    ],
    [
      "the member does not allow search by phone",
      ["phone"],
      (world, _scene, target) => world.book.members.setPhoneSearch(target.id, false),
    ],
  ];
  const cases = reasons.flatMap(([reason, ways, close]) => ways.map((way) => ({ reason, way, close })));
  const targetPhone = "070-5555-0002";

  it.each(cases)(
    "R10: $reason makes the same store calls as no such member (by $way)",
    async ({ way, close }) => {
      const world = aRecordingWorld({
        searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
      });
      const scene = await twoLinkableMembers(world);
      const target = await aMember(world, scene.globex, { mobilePhone: targetPhone });
      await world.book.members.setPhoneSearch(target.id, true);
      await close(world, scene, target);
      const callsOf = async (typed: string) => {
        world.calls.length = 0;
        const cards =
          way === "works ID"
            ? await world.book.search.byWorksId(scene.sato.id, typed)
            : await world.book.search.byPhone(scene.sato.id, typed);
        expect(cards).toEqual([]);
        return [...world.calls];
      };
      const forTarget = await callsOf(way === "works ID" ? target.worksId : targetPhone);
      const forNobody = await callsOf(way === "works ID" ? nobodysWorksId : nobodysPhone);
      expect(forTarget.length).toBeGreaterThan(0);
      expect(forTarget).toEqual(forNobody);
    },
  );

  it("R10: deciding reads every rule of both organisations whichever refuses — and as much for the stand-in of no such member", () => {
    const open: LinkingPolicy = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } };
    const reads: string[] = [];
    /** `policy`'s organisation with one member, writing down which rules are read. */
    const aParty = (id: string, policy: Partial<LinkingPolicy> = {}): Party => {
      const linking = new Proxy(
        { ...open, ...policy },
        {
          get(target, rule) {
            reads.push(String(rule));
            return Reflect.get(target, rule);
          },
        },
      );
      const organisation = records.anOrganisation(`org_${id}`, { linking });
      return { organisation, member: records.aMember(`mem_${id}`, organisation.id) };
    };
    const searcher = aParty("searcher");
    const readsFor = (candidate: Party) => {
      reads.length = 0;
      expect(visibleCards(searcher, [candidate])).toEqual([]);
      return [...reads];
    };
    // With nobody found, the store answers the searcher in their place (see the store port).
    const forNobody = readsFor(searcher);
    const refusing = {
      "their organisation is off": aParty("off", { enabled: false }),
      "outside their scope": aParty("scope", { scope: { kind: "listed", members: [] } }),
      "their organisation blocks the searcher's": aParty("block", {
        partners: { kind: "block", organisations: [searcher.organisation.id] },
      }),
      "their organisation allows others only": aParty("allow", {
        partners: { kind: "allow", organisations: [] },
      }),
    };
    expect(forNobody.length).toBeGreaterThan(0);
    for (const [reason, candidate] of Object.entries(refusing)) {
      expect({ reason, reads: readsFor(candidate) }).toEqual({ reason, reads: forNobody });
    }
  });
});
