import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  isPartnerbookError,
  type LinkingPolicy,
  type Member,
  manualClock,
  type PartnerbookError,
  type Party,
  sequentialIds,
  visibleCards,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import * as records from "../../src/testing/records.js";
import {
  aMember,
  anOrganisation,
  aWorld,
  start,
  twoLinkableMembers,
  type World,
} from "../support/builders.js";
import { aRecordingWorld } from "../support/recording-store.js";

type Scene = Awaited<ReturnType<typeof twoLinkableMembers>>;
type Way = "works ID" | "phone";

/** The number twoLinkableMembers gives Lee, typed the way a searcher might. */
const leesPhone = "+81 90-1234-5678";
const nobodysWorksId = "no.such.member";
const nobodysPhone = "080-0000-0000";

async function aScene(world: World = aWorld()): Promise<{ world: World } & Scene> {
  return { world, ...(await twoLinkableMembers(world)) };
}

/** Awaits a promise that must reject with a PartnerbookError, and returns that error. */
async function rejection(promise: Promise<unknown>): Promise<PartnerbookError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isPartnerbookError(outcome.error)) throw outcome.error;
  return outcome.error;
}

describe("search by works ID", () => {
  it("R7: a member is found by their exact works ID", async () => {
    const { world, sato, lee } = await aScene();
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it.each([
    ["upper case", (id: string) => id.toUpperCase()],
    ["mixed case", (id: string) => id.replace(/^./, (c) => c.toUpperCase())],
    ["surrounding spaces", (id: string) => `  ${id}  `],
    ["tabs and newlines", (id: string) => `\t${id}\n`],
  ])("R7: a works ID typed with %s still finds the member", async (_how, typed) => {
    const { world, sato, lee } = await aScene();
    const cards = await world.book.search.byWorksId(sato.id, typed(lee.worksId));
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R7: a works ID registered in mixed case is found in lower case", async () => {
    const { world, sato, globex } = await aScene();
    const target = await aMember(world, globex, { worksId: "Tanaka.Ken@Globex" });
    const cards = await world.book.search.byWorksId(sato.id, "tanaka.ken@globex");
    expect(cards.map((card) => card.memberId)).toEqual([target.id]);
  });

  it.each(["tanaka", "tanaka.ken", "globex", "tanaka.ken@globe", "anaka.ken@globex", "tanaka.ken@globex.jp"])(
    "R7: the partial or extended ID %s finds nobody",
    async (partial) => {
      const { world, sato, globex } = await aScene();
      await aMember(world, globex, { worksId: "tanaka.ken@globex" });
      expect(await world.book.search.byWorksId(sato.id, partial)).toEqual([]);
    },
  );

  it("R8: the phone-search setting does not hide a member from search by works ID", async () => {
    const { world, sato, lee } = await aScene();
    expect(lee.allowSearchByPhone).toBe(false);
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });
});

describe("search by phone", () => {
  it("R8: a member is not found by phone until they allow it", async () => {
    const { world, sato, lee } = await aScene();
    expect(lee.allowSearchByPhone).toBe(false);
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);

    await world.book.members.setPhoneSearch(lee.id, true);
    const cards = await world.book.search.byPhone(sato.id, leesPhone);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R8: phone search is off for a member created without saying otherwise", async () => {
    const { world, sato, globex } = await aScene();
    const member = await aMember(world, globex, { mobilePhone: "070-1111-2222" });
    expect(member.allowSearchByPhone).toBe(false);
    expect(await world.book.search.byPhone(sato.id, "070-1111-2222")).toEqual([]);
  });

  it("R8: a member who turns phone search off again is no longer found", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.setPhoneSearch(lee.id, false);
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
  });

  it("R8: a member who allows phone search but has no mobile number is not found", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.updateProfile(lee.id, { mobilePhone: null });
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
  });

  it("R8: a member who changes their number is found under the new one only", async () => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.updateProfile(lee.id, { mobilePhone: "080-9876-5432" });
    expect(await world.book.search.byPhone(sato.id, leesPhone)).toEqual([]);
    const cards = await world.book.search.byPhone(sato.id, "08098765432");
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it.each([
    "090-1234-5678",
    "09012345678",
    "090 1234 5678",
    "０９０−１２３４−５６７８",
    "+819012345678",
    "+81 90 1234 5678",
    "  (090) 1234-5678 ",
  ])("R8: the number typed as %s finds the member", async (typed) => {
    const { world, sato, lee } = await aScene();
    await world.book.members.setPhoneSearch(lee.id, true);
    const cards = await world.book.search.byPhone(sato.id, typed);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R8: every member sharing the number is found, but only those who allow it", async () => {
    const { world, sato, globex, lee } = await aScene();
    const initech = await anOrganisation(world, { name: "Initech" });
    const shared = await aMember(world, initech, { mobilePhone: "090-1234-5678" });
    await aMember(world, globex, { mobilePhone: "090-1234-5678" });
    await world.book.members.setPhoneSearch(lee.id, true);
    await world.book.members.setPhoneSearch(shared.id, true);
    const cards = await world.book.search.byPhone(sato.id, leesPhone);
    expect(cards.map((card) => card.memberId).sort()).toEqual([lee.id, shared.id].sort());
  });

  it("R8: the default region for numbers without + is configurable", async () => {
    const world: World = (() => {
      const store = memoryStore();
      const clock = manualClock(start);
      const book = createPartnerbook({ store, clock, ids: sequentialIds(), defaultRegion: "US" });
      return { book, store, clock };
    })();
    const searcher = await aMember(world, await anOrganisation(world));
    const target = await aMember(world, await anOrganisation(world), { mobilePhone: "(415) 555-2671" });
    await world.book.members.setPhoneSearch(target.id, true);
    expect(target.mobilePhone?.e164).toBe("+14155552671");
    for (const typed of ["415-555-2671", "+1 415 555 2671"]) {
      const cards = await world.book.search.byPhone(searcher.id, typed);
      expect(cards.map((card) => card.memberId)).toEqual([target.id]);
    }
    expect(await world.book.search.byPhone(searcher.id, "+81 415 555 2671")).toEqual([]);
  });
});

describe("the search result", () => {
  async function aCardOfTanaka() {
    const { world, sato, globex } = await aScene();
    const target = await aMember(world, globex, {
      worksId: "tanaka@globex",
      displayName: "田中 健",
      nickname: "Ken",
      photoUrl: "https://example.com/tanaka.png",
      email: "tanaka@globex.example",
      mobilePhone: "070-3333-4444",
    });
    await world.book.members.setPhoneSearch(target.id, true);
    return { world, sato, globex, target };
  }

  it.each<Way>(["works ID", "phone"])("R9: a search by %s returns exactly the profile card", async (way) => {
    const { world, sato, target } = await aCardOfTanaka();
    const cards =
      way === "works ID"
        ? await world.book.search.byWorksId(sato.id, "tanaka@globex")
        : await world.book.search.byPhone(sato.id, "070-3333-4444");
    expect(cards).toEqual([
      {
        memberId: target.id,
        displayName: "田中 健",
        nickname: "Ken",
        company: "Globex",
        photoUrl: "https://example.com/tanaka.png",
      },
    ]);
    expect(Object.keys(cards[0] ?? {}).sort()).toEqual([
      "company",
      "displayName",
      "memberId",
      "nickname",
      "photoUrl",
    ]);
  });

  it("R9: the card never carries the phone, email, works ID or organisation id", async () => {
    const { world, sato, globex } = await aCardOfTanaka();
    const cards = await world.book.search.byPhone(sato.id, "070-3333-4444");
    expect(cards).toHaveLength(1);
    const serialised = JSON.stringify(cards);
    for (const secret of [
      "070-3333-4444",
      "+817033334444",
      "tanaka@globex.example",
      "tanaka@globex",
      globex.organisation.id,
    ]) {
      expect(serialised).not.toContain(secret);
    }
    for (const key of ["mobilePhone", "email", "worksId", "organisationId"]) {
      expect(cards[0]).not.toHaveProperty(key);
    }
  });

  it("R9: the card's company is the organisation's current name", async () => {
    const { world, sato, globex, target } = await aCardOfTanaka();
    await world.book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Holdings");
    const cards = await world.book.search.byWorksId(sato.id, target.worksId);
    expect(cards.map((card) => card.company)).toEqual(["Globex Holdings"]);
  });
});

describe("enumeration safety", () => {
  interface Hiding {
    readonly reason: string;
    readonly ways: readonly Way[];
    /** Where the target lives: the searcher's own organisation or the partner's. */
    readonly home: "own" | "partner";
    /** What makes a findable target unfindable; absent when the target never was findable. */
    readonly hide?: (world: World, scene: Scene, target: Member) => Promise<unknown>;
  }

  const hidings: readonly Hiding[] = [
    {
      reason: "phone search not allowed",
      ways: ["phone"],
      home: "partner",
      hide: (world, _scene, target) => world.book.members.setPhoneSearch(target.id, false),
    },
    {
      reason: "no mobile number",
      ways: ["phone"],
      home: "partner",
      hide: (world, _scene, target) => world.book.members.updateProfile(target.id, { mobilePhone: null }),
    },
    {
      reason: "their organisation switched off",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          enabled: false,
        }),
    },
    {
      reason: "outside their scope",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          scope: { kind: "listed", members: [globex.admin.id] },
        }),
    },
    {
      reason: "blocked by them",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { acme, globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          partners: { kind: "block", organisations: [acme.organisation.id] },
        }),
    },
    {
      reason: "not on their allow-list",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          partners: { kind: "allow", organisations: [] },
        }),
    },
    {
      reason: "blocked by the searcher's organisation",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { acme, globex }) =>
        world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
          partners: { kind: "block", organisations: [globex.organisation.id] },
        }),
    },
    { reason: "same organisation", ways: ["works ID", "phone"], home: "own" },
  ];

  const targetPhone = "070-5555-0001";
  const cases = hidings.flatMap((hiding) => hiding.ways.map((way) => ({ ...hiding, way })));

  function searchFor(world: World, scene: Scene, way: Way, target: Member) {
    return way === "works ID"
      ? world.book.search.byWorksId(scene.sato.id, target.worksId)
      : world.book.search.byPhone(scene.sato.id, targetPhone);
  }

  function searchForNobody(world: World, scene: Scene, way: Way) {
    return way === "works ID"
      ? world.book.search.byWorksId(scene.sato.id, nobodysWorksId)
      : world.book.search.byPhone(scene.sato.id, nobodysPhone);
  }

  it.each<Way>(["works ID", "phone"])("R10: a %s nobody has gives an empty array", async (way) => {
    const { world, ...scene } = await aScene();
    expect(await searchForNobody(world, scene, way)).toEqual([]);
  });

  it.each(cases)("R10: $reason gives the same empty answer as no such member (by $way)", async (hiding) => {
    const { world, ...scene } = await aScene();
    const home = hiding.home === "own" ? scene.acme : scene.globex;
    const target = await aMember(world, home, { mobilePhone: targetPhone });
    await world.book.members.setPhoneSearch(target.id, true);
    if (hiding.hide !== undefined) {
      // The target is findable until the one thing under test changes.
      expect((await searchFor(world, scene, hiding.way, target)).map((card) => card.memberId)).toEqual([
        target.id,
      ]);
      await hiding.hide(world, scene, target);
    }
    const answer = await searchFor(world, scene, hiding.way, target);
    expect(answer).toEqual(await searchForNobody(world, scene, hiding.way));
    expect(answer).toEqual([]);
  });

  describe.each<Way>(["works ID", "phone"])("by %s", (way) => {
    async function aTargetFor(world: World, scene: Scene): Promise<Member> {
      const target = await aMember(world, scene.globex, { mobilePhone: targetPhone });
      await world.book.members.setPhoneSearch(target.id, true);
      return target;
    }

    it("R10: the searcher's own organisation being off is an explicit LINKING_DISABLED error", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: false,
      });
      await expect(searchFor(world, scene, way, target)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
        details: { reason: "linking_off" },
      });
    });

    it("R10: a searcher outside their own organisation's scope gets LINKING_DISABLED", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        scope: { kind: "listed", members: [acme.admin.id] },
      });
      await expect(searchFor(world, scene, way, target)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
        details: { reason: "out_of_scope" },
      });
    });

    it("R10: the searcher's own-side error is the same whether the target exists or not", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: false,
      });
      const forTarget = await rejection(searchFor(world, scene, way, target));
      const forNobody = await rejection(searchForNobody(world, scene, way));
      expect(forTarget.code).toBe("LINKING_DISABLED");
      expect(forTarget.toJSON()).toEqual(forNobody.toJSON());
    });
  });
});

describe("rate limit and validation", () => {
  const minute = 60_000;

  async function aLimitedScene() {
    const scene = await aScene(
      aWorld({ searchLimiter: fixedWindowRateLimiter({ limit: 3, windowMs: minute }) }),
    );
    await scene.world.book.members.setPhoneSearch(scene.lee.id, true);
    return scene;
  }

  it("R11: the 4th search in a window fails with RATE_LIMITED and the window end as retry time", async () => {
    const { world, sato, lee } = await aLimitedScene();
    world.clock.advance(20_000);
    await world.book.search.byWorksId(sato.id, lee.worksId);
    await world.book.search.byPhone(sato.id, leesPhone);
    await world.book.search.byWorksId(sato.id, nobodysWorksId);
    const windowEnd = new Date(start.getTime() + minute);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      details: { retryAt: windowEnd },
    });
    await expect(world.book.search.byPhone(sato.id, leesPhone)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      details: { retryAt: windowEnd },
    });
  });

  it("R11: searching works again once the clock reaches the retry time", async () => {
    const { world, sato, lee } = await aLimitedScene();
    world.clock.advance(20_000);
    for (let i = 0; i < 3; i++) await world.book.search.byWorksId(sato.id, lee.worksId);
    const refused = await rejection(world.book.search.byWorksId(sato.id, lee.worksId));
    const retryAt = refused.details.retryAt;
    if (retryAt === undefined) throw new Error("RATE_LIMITED without retryAt");

    const wait = retryAt.getTime() - world.clock.now().getTime();
    world.clock.advance(wait - 1);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    world.clock.advance(1);
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R11: the quota is counted per searcher", async () => {
    const { world, sato, lee, acme } = await aLimitedScene();
    const colleague = await aMember(world, acme);
    for (let i = 0; i < 3; i++) await world.book.search.byWorksId(sato.id, lee.worksId);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    const cards = await world.book.search.byWorksId(colleague.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  const badWorksIds: readonly [string, unknown][] = [
    ["an empty ID", ""],
    ["only spaces", "   "],
    ["an ID with a space inside", "lee min"],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["an object", {}],
    ["an array", ["lee"]],
  ];
  const badPhones: readonly [string, unknown][] = [
    ["letters", "abc"],
    ["an empty string", ""],
    ["only spaces", "   "],
    ["too few digits", "12"],
    ["a number", 42],
    ["null", null],
    ["an object", {}],
  ];

  it.each(badWorksIds)(
    "R11: %s as works ID is a VALIDATION error, not an empty result",
    async (_what, input) => {
      const { world, sato } = await aScene();
      await expect(world.book.search.byWorksId(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
        issues: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
      });
    },
  );

  it.each(badPhones)("R11: %s as phone is a VALIDATION error, not an empty result", async (_what, input) => {
    const { world, sato } = await aScene();
    await expect(world.book.search.byPhone(sato.id, input as string)).rejects.toMatchObject({
      code: "VALIDATION",
      issues: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
    });
  });

  it.each([
    ["an empty", ""],
    ["a numeric", 42],
    ["a null", null],
  ])("R11: %s searcher id is a VALIDATION error", async (_what, actor) => {
    const { world, lee } = await aScene();
    await expect(world.book.search.byWorksId(actor as Member["id"], lee.worksId)).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R11: validation failures do not use up the search quota", async () => {
    const { world, sato, lee } = await aLimitedScene();
    for (const [, input] of badWorksIds) {
      await expect(world.book.search.byWorksId(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    for (const [, input] of badPhones) {
      await expect(world.book.search.byPhone(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    for (let i = 0; i < 3; i++) {
      expect(await world.book.search.byWorksId(sato.id, lee.worksId)).toHaveLength(1);
    }
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it("R11: searches refused for the searcher's own settings do not use up the quota", async () => {
    const { world, sato, lee, acme } = await aLimitedScene();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    for (let i = 0; i < 5; i++) {
      await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
      });
    }
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    for (let i = 0; i < 3; i++) {
      expect(await world.book.search.byWorksId(sato.id, lee.worksId)).toHaveLength(1);
    }
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});

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
