import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  manualClock,
  type PartnerbookEvent,
  type Store,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { anOrganisation, aWorld, start, twoLinkableMembers, type World } from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";
import { eventsDuring } from "./organisations-world.js";

describe("R35: organisation steps are recorded as events", () => {
  /** A world whose store notes each commit in `log`, so delivery order can be checked. */
  function anObservedWorld(log: string[]): World {
    const inner = memoryStore();
    const store: Store = {
      async transaction(fn) {
        const result = await inner.transaction(fn);
        log.push("commit");
        return result;
      },
    };
    const clock = manualClock(start);
    return { book: createPartnerbook({ store, clock, ids: sequentialIds() }), store: inner, clock };
  }

  it("R35: a subscriber hears a policy change only after it has committed", async () => {
    const log: string[] = [];
    const world = anObservedWorld(log);
    const acme = await anOrganisation(world);
    world.book.events.subscribe((event) => log.push(`event:${event.type}`));
    log.length = 0;
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    expect(log).toEqual(["commit", "event:linking_policy_changed"]);
  });

  it("R35: a subscriber hears the same event that is stored in the log", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const stored = await eventsDuring(world, () =>
      world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false }),
    );
    expect(heard).toEqual(stored);
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });

  it("R35: a refused policy change is neither delivered nor stored", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const events = await eventsDuring(world, () =>
      world.book.organisations
        .setLinkingPolicy(sato.id, acme.organisation.id, { enabled: false })
        .catch(() => {}),
    );
    expect(events).toEqual([]);
    expect(heard).toEqual([]);
  });

  it("R35: an event recorded by a step that then fails is neither delivered nor stored", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const before = world.store.snapshot();
    // organisation_created is recorded before the admin's taken works ID makes the step fail.
    await expect(
      world.book.organisations.create({
        name: "Copycat",
        admin: { worksId: acme.admin.worksId, displayName: "X" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(heard).toEqual([]);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R35: a failed step leaves no gap in the event sequence", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const before = await everyEvent(world);
    const last = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).at(-1)?.sequence ?? 0;
    await world.book.organisations
      .create({ name: "Copycat", admin: { worksId: acme.admin.worksId, displayName: "X" } })
      .catch(() => {});
    // The failed step's organisation_created went with it: no log holds it.
    expect(await everyEvent(world)).toEqual(before);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    const events = await world.book.events.list(acme.admin.id, {
      organisationId: acme.organisation.id,
      after: last,
    });
    expect(events.map((e) => [e.sequence, e.type])).toEqual([[last + 1, "linking_policy_changed"]]);
    const globex = await anOrganisation(world);
    const [first] = await eventsOf(world.book, globex.admin.id, globex.organisation.id);
    expect(first).toMatchObject({ sequence: 1, type: "organisation_created" });
  });

  it("R35: creating an organisation records organisation_created and its admin's member_created", async () => {
    const world = aWorld();
    let created: { organisation: { id: string }; admin: { id: string } } | undefined;
    const events = await eventsDuring(world, async () => {
      created = await world.book.organisations.create({
        name: "Acme",
        plan: "advanced",
        admin: { worksId: "acme.admin", displayName: "Admin" },
      });
    });
    expect(events).toMatchObject([
      {
        type: "organisation_created",
        actorId: null,
        organisationId: created?.organisation.id,
        plan: "advanced",
      },
      {
        type: "member_created",
        memberId: created?.admin.id,
        organisationId: created?.organisation.id,
        admin: true,
      },
    ]);
  });

  it("R35: organisations.rename records organisation_renamed with before and after", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const events = await eventsDuring(world, async () => {
      const renamed = await world.book.organisations.rename(
        acme.admin.id,
        acme.organisation.id,
        "Acme Holdings",
      );
      expect(renamed.name).toBe("Acme Holdings");
    });
    expect(events).toMatchObject([
      {
        type: "organisation_renamed",
        actorId: acme.admin.id,
        organisationId: acme.organisation.id,
        before: "Acme",
        after: "Acme Holdings",
      },
    ]);
    expect(heard).toEqual(events);
    expect((await world.book.organisations.get(acme.admin.id, acme.organisation.id)).name).toBe(
      "Acme Holdings",
    );
  });

  it("R35: renaming an organisation to its own name records nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const events = await eventsDuring(world, () =>
      world.book.organisations.rename(acme.admin.id, acme.organisation.id, "Acme"),
    );
    expect(events).toEqual([]);
  });

  it("R35: an empty organisation name is a VALIDATION error and records nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.rename(acme.admin.id, acme.organisation.id, "  "),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R35: an unsubscribed listener hears nothing more", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event));
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    unsubscribe();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });

  it("R35: a throwing listener neither fails the step nor keeps the event from other listeners", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe(() => {
      throw new Error("listener broke");
    });
    world.book.events.subscribe((event) => heard.push(event));
    const after = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      enabled: false,
    });
    expect(after.linking.enabled).toBe(false);
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });
});
