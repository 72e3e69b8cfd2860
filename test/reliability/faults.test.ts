import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  type EmailInvitationResult,
  fixedWindowRateLimiter,
  invitationTokenFrom,
  isPartnerbookError,
  type ManualClock,
  manualClock,
  type Partnerbook,
  type PartnerbookEvent,
  type Store,
} from "../../src/index.js";
import { type OutboxMailer, outboxMailer } from "../../src/memory.js";
import { resumedIds, testSecret } from "../support/builders.js";
import {
  type FaultyStore,
  faultyStore,
  isInjectedFault,
  type StoreUnderTest,
  storesUnderTest,
} from "../support/faulty-store.js";

const start = new Date("2026-04-01T00:00:00.000Z");
const minute = 60_000;
const day = 1440 * minute;

/** A book on a fault-injecting wrapper of a fresh store, with everything else predictable. */
interface World {
  readonly book: Partnerbook;
  readonly store: FaultyStore;
  readonly inner: Store;
  readonly mailer: OutboxMailer;
  readonly clock: ManualClock;
  /** How many ids and tokens the world has handed out. */
  idsUsed(): number;
  snapshot(): Promise<unknown>;
}

/**
 * A world on `inner`, its ids going on after the first `idsUsed` of a sequential source and its
 * clock at `now`: the world a scene was built in, on a store put back to what it held then.
 */
function aWorld(
  adapter: StoreUnderTest,
  inner: Store,
  from: { readonly idsUsed: number; readonly now: Date } = { idsUsed: 0, now: start },
): World {
  const store = faultyStore(inner);
  const mailer = outboxMailer();
  const clock = manualClock(from.now);
  const ids = resumedIds(from.idsUsed);
  const book = createPartnerbook({
    store,
    clock,
    ids,
    mailer,
    inviteBaseUrl: "https://app.example/invite",
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  return {
    book,
    store,
    inner,
    mailer,
    clock,
    idsUsed: () => ids.used(),
    snapshot: () => adapter.snapshot(inner),
  };
}

/** The invite URL in the last email the outbox took. */
function lastMailedUrl(mailer: OutboxMailer): string {
  const url = mailer.messages
    .at(-1)
    ?.text.split("\n")
    .find((line) => invitationTokenFrom(line) !== null);
  if (url === undefined) throw new Error("no invite URL in the outbox");
  return url;
}

/**
 * The same world every time (fixed names, sequential ids, a manual clock), with something for
 * every operation to work on: Acme (admin, sato, suzuki, tanaka) and Globex (admin, lee, kim,
 * park) with linking on; lee in three Acme books (sync fan-out); tanaka's contacts ready to pass
 * to sato (R29) where both know kim but sato's contact for kim has expired in the trash (R33); a
 * group holding and sharing a customer contact; a restorable contact in the trash; park's QR
 * code; kim's invite link; park's email invitation to suzuki.
 */
async function aScene(adapter: StoreUnderTest) {
  const world = aWorld(adapter, await adapter.makeStore());
  const { book } = world;
  const organisation = (name: string) =>
    book.organisations.create({
      name,
      admin: { worksId: `${name.toLowerCase()}-admin`, displayName: `${name} Admin` },
    });
  const acme = await organisation("Acme");
  const globex = await organisation("Globex");
  const member = (
    org: typeof acme,
    worksId: string,
    extra: { nickname?: string; mobilePhone?: string } = {},
  ) => book.members.create(org.admin.id, { worksId, displayName: worksId, ...extra });
  const sato = await member(acme, "sato");
  const suzuki = await member(acme, "suzuki");
  const tanaka = await member(acme, "tanaka");
  const lee = await member(globex, "lee", { nickname: "Min", mobilePhone: "090-1234-5678" });
  const kim = await member(globex, "kim");
  const park = await member(globex, "park");

  const satoLee = (await book.contacts.addFromSearch(sato.id, lee.id)).contact;
  for (const owner of [acme.admin, suzuki]) await book.contacts.addFromSearch(owner.id, lee.id);
  await book.contacts.addFromSearch(tanaka.id, park.id);
  await book.contacts.addFromSearch(tanaka.id, kim.id);
  const satoKim = (await book.contacts.addFromSearch(sato.id, kim.id)).contact;
  await book.trash.delete(sato.id, satoKim.id);
  world.clock.advance(31 * day);

  const project = await book.groups.create(sato.id, { name: "Project X", members: [suzuki.id, tanaka.id] });
  const customer = await book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    phones: [{ number: "03-1234-5678" }],
    groups: [project.id],
  });
  const yamada = await book.contacts.share(
    sato.id,
    customer.id,
    { visibility: "members", members: [tanaka.id], groups: [project.id] },
    { expectedVersion: customer.version },
  );
  const kobayashi = await book.contacts.addCustomer(sato.id, {
    familyName: "小林",
    emails: [{ address: "kobayashi@example.jp" }],
  });
  await book.trash.delete(sato.id, kobayashi.id);
  const parkQr = await book.qrCodes.mine(park.id);
  const kimLink = await book.invitations.createLink(kim.id);
  await book.invitations.sendEmail(park.id, ["suzuki@acme.example"]);
  const parkMailUrl = lastMailedUrl(world.mailer);
  return {
    world,
    book,
    acme,
    globex,
    sato,
    suzuki,
    tanaka,
    lee,
    kim,
    park,
    satoLee,
    project,
    yamada,
    kobayashi,
    parkQr,
    kimLink,
    parkMailUrl,
  };
}

type Scene = Awaited<ReturnType<typeof aScene>>;

/**
 * Scenes for the runs of one operation, each as `aScene` builds it. Where the store can put its
 * rows back (PGlite), the scene is built once and then restored: the same rows, a new world
 * whose ids go on from the same place and whose clock shows the same time — on PGlite building
 * it through the book was most of this suite's time.
 */
function sceneSource(adapter: StoreUnderTest): () => Promise<Scene> {
  let saved:
    | { scene: Scene; holds: unknown; restore: () => Promise<Store>; idsUsed: number; now: Date }
    | undefined;
  return async () => {
    if (saved === undefined || adapter.savePoint === undefined) {
      const scene = await aScene(adapter);
      if (adapter.savePoint !== undefined) {
        const { world } = scene;
        const restore = await adapter.savePoint(world.inner);
        const holds = await world.snapshot();
        saved = { scene, holds, restore, idsUsed: world.idsUsed(), now: world.clock.now() };
      }
      return scene;
    }
    const world = aWorld(adapter, await saved.restore(), saved);
    expect(await world.snapshot(), "the scene put back").toEqual(saved.holds);
    return { ...saved.scene, world, book: world.book };
  };
}

/** What a step came to under a fault: its answer, or the error it was refused with. */
type Outcome =
  | { readonly value: unknown; readonly error: null }
  | { readonly value: null; readonly error: unknown };

interface Operation {
  readonly name: string;
  run(scene: Scene): Promise<unknown>;
  /**
   * R17: a fault inside one address's transaction is that address's `send_failed`, not a
   * rejection of the batch; such an answer counts as refused.
   */
  readonly refusedAs?: (value: unknown) => boolean;
  /**
   * R17: a step whose change commits before its last store call (`sendEmail` commits each
   * invitation with its mail in the outbox, then delivers the mail): `label` is the first call
   * after the commit. A fault from there on cannot undo the change, so instead of "the store is
   * as before", `afterFault` checks that nothing was half done or lost.
   */
  readonly committedBefore?: {
    readonly label: string;
    afterFault(
      scene: Scene,
      outcome: Outcome,
      heard: readonly PartnerbookEvent[],
      where: string,
    ): Promise<void>;
  };
}

const operations: readonly Operation[] = [
  {
    name: "organisations.create",
    run: ({ book }) =>
      book.organisations.create({
        name: "Initech",
        plan: "standard",
        admin: { worksId: "initech-admin", displayName: "Initech Admin" },
      }),
  },
  {
    name: "organisations.setLinkingPolicy (listed scope, block list)",
    run: ({ book, acme, sato, suzuki, globex }) =>
      book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        scope: { kind: "listed", members: [acme.admin.id, sato.id, suzuki.id] },
        partners: { kind: "block", organisations: [globex.organisation.id] },
      }),
  },
  {
    name: "organisations.rename (the company syncs to every linked contact)",
    run: ({ book, globex }) =>
      book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Japan"),
  },
  {
    name: "members.create (as an admin)",
    run: ({ book, acme }) =>
      book.members.create(
        acme.admin.id,
        { worksId: "ito", displayName: "伊藤", email: "ito@acme.example" },
        { admin: true },
      ),
  },
  {
    name: "members.updateProfile (sync fans out to three contacts)",
    run: ({ book, lee }) =>
      book.members.updateProfile(lee.id, { nickname: "Minnie", photoUrl: "https://example.com/lee.png" }),
  },
  {
    name: "members.setPhoneSearch",
    run: ({ book, lee }) => book.members.setPhoneSearch(lee.id, true),
  },
  {
    name: "members.remove (contacts, groups and sharing pass to the heir)",
    run: ({ book, acme, tanaka, sato }) =>
      book.members.remove(acme.admin.id, tanaka.id, { newOwner: sato.id }),
  },
  {
    name: "contacts.addFromSearch",
    run: ({ book, suzuki, kim }) => book.contacts.addFromSearch(suzuki.id, kim.id),
  },
  {
    name: "contacts.addFromSearch over an expired contact in the trash",
    run: ({ book, sato, kim }) => book.contacts.addFromSearch(sato.id, kim.id),
  },
  {
    name: "contacts.addFromQr",
    run: ({ book, sato, parkQr }) => book.contacts.addFromQr(sato.id, parkQr.token),
  },
  {
    name: "contacts.addCustomer",
    run: ({ book, sato, project }) =>
      book.contacts.addCustomer(sato.id, {
        familyName: "鈴木",
        phones: [{ number: "090-0000-1111" }],
        groups: [project.id],
      }),
  },
  {
    name: "contacts.edit",
    run: ({ book, sato, yamada }) =>
      book.contacts.edit(
        sato.id,
        yamada.id,
        { memo: "大口顧客", tags: ["vip"], groups: [] },
        { expectedVersion: yamada.version },
      ),
  },
  {
    name: "contacts.share",
    run: ({ book, sato, suzuki, satoLee, project }) =>
      book.contacts.share(
        sato.id,
        satoLee.id,
        { visibility: "members", members: [suzuki.id], groups: [project.id], coEditing: true },
        { expectedVersion: satoLee.version },
      ),
  },
  {
    name: "groups.create",
    run: ({ book, sato, suzuki, tanaka }) =>
      book.groups.create(sato.id, { name: "Project Y", members: [suzuki.id, tanaka.id] }),
  },
  {
    name: "groups.rename",
    run: ({ book, sato, project }) => book.groups.rename(sato.id, project.id, "Project Z"),
  },
  {
    name: "groups.setMembers",
    run: ({ book, sato, suzuki, project }) =>
      book.groups.setMembers(sato.id, project.id, [suzuki.id, sato.id]),
  },
  {
    name: "groups.delete (its contacts leave it)",
    run: ({ book, sato, project }) => book.groups.delete(sato.id, project.id),
  },
  {
    name: "trash.delete",
    run: ({ book, sato, satoLee }) => book.trash.delete(sato.id, satoLee.id),
  },
  {
    name: "trash.restore",
    run: ({ book, sato, kobayashi }) => book.trash.restore(sato.id, kobayashi.id),
  },
  {
    name: "trash.purge",
    run: ({ book, sato, kobayashi }) => book.trash.purge(sato.id, kobayashi.id),
  },
  {
    name: "trash.purgeExpired",
    run: ({ book }) => book.trash.purgeExpired(),
  },
  {
    name: "invitations.createLink",
    run: ({ book, suzuki }) => book.invitations.createLink(suzuki.id, { maxUses: 5 }),
  },
  {
    name: "invitations.redeem (a link: each into the other's book)",
    run: ({ book, sato, kimLink }) => book.invitations.redeem(sato.id, kimLink.url),
  },
  {
    name: "invitations.redeem (an email invitation)",
    run: ({ book, suzuki, parkMailUrl }) => book.invitations.redeem(suzuki.id, parkMailUrl),
  },
  {
    name: "invitations.revoke",
    run: ({ book, kim, kimLink }) => book.invitations.revoke(kim.id, kimLink.invitation.id),
  },
  {
    name: "invitations.sendEmail (outbox mailer)",
    run: ({ book, sato }) => book.invitations.sendEmail(sato.id, ["lee@globex.example"]),
    refusedAs: (value) =>
      (value as readonly EmailInvitationResult[]).every((result) => result.status === "send_failed"),
    committedBefore: {
      label: "outbox.claim",
      async afterFault({ world, book, sato }, outcome, heard, where) {
        // The fault hit the delivery, after the invitation and its mail committed: the answer
        // is still the address's result, with the invitation created.
        expect(outcome.error, where).toBeNull();
        const [result] = outcome.value as readonly EmailInvitationResult[];
        expect(["sent", "queued"], where).toContain(result?.status);
        const invited = (await book.invitations.listPending(sato.id)).filter(
          (invitation) => invitation.email === "lee@globex.example",
        );
        expect(invited, where).toHaveLength(1);
        expect(
          heard.map((event) => [event.type, "invitationId" in event ? event.invitationId : null]),
          where,
        ).toEqual([["invitation_created", invited[0]?.id]]);
        // Never lost: the next delivery run, once any lease on the mail has run out, sends it
        // (again, if the fault only hid that it had left: at least once, under one key).
        world.clock.advance(10 * minute);
        expect((await book.mail.deliverPending()).pending, where).toBe(0);
        const mails = world.mailer.messages.filter((message) => message.to === "lee@globex.example");
        expect(mails.length, where).toBeGreaterThan(0);
        expect(new Set(mails.map((message) => message.idempotencyKey)), where).toEqual(
          new Set([`${invited[0]?.id}:1`]),
        );
      },
    },
  },
  {
    name: "qrCodes.mine (first issue)",
    run: ({ book, lee }) => book.qrCodes.mine(lee.id),
  },
  {
    name: "qrCodes.reissue",
    run: ({ book, park }) => book.qrCodes.reissue(park.id),
  },
];

describe.each(storesUnderTest)("$name store", (adapter) => {
  describe("Fault injection: for every k in an operation, the store afterwards equals the store before it (atomicity)", () => {
    it.each(operations)("$name", async (operation) => {
      const scenes = sceneSource(adapter);
      const counting = await scenes();
      counting.world.store.arm({});
      await operation.run(counting);
      const n = counting.world.store.calls;
      expect(n).toBeGreaterThan(0);
      const { committedBefore } = operation;
      // The first call after the step's change committed (1-based); none: the whole step is one.
      const committedAt =
        committedBefore === undefined ? n + 1 : counting.world.store.trace.indexOf(committedBefore.label) + 1;
      expect(committedAt).toBeGreaterThan(1);

      for (const when of ["before", "after"] as const) {
        for (let k = 1; k <= n; k++) {
          const scene = await scenes();
          const { book, store, mailer } = scene.world;
          const before = await scene.world.snapshot();
          const mailed = mailer.messages.length;
          const heard: PartnerbookEvent[] = [];
          book.events.subscribe((event) => heard.push(event));

          store.arm({ failAt: k, when });
          const outcome = await operation.run(scene).then(
            (value): Outcome => ({ value, error: null }),
            (error: unknown): Outcome => ({ value: null, error }),
          );
          const where = `fault ${when} call ${k} of ${n}: ${store.trace.slice(0, k).join(" → ")}`;
          expect(store.fired, where).toBe(true);
          if (committedBefore !== undefined && k >= committedAt) {
            await committedBefore.afterFault(scene, outcome, heard, where);
            continue;
          }
          const refused = outcome.error !== null || (operation.refusedAs?.(outcome.value) ?? false);
          expect(refused, where).toBe(true);
          if (outcome.error !== null) {
            expect(isInjectedFault(outcome.error) || isPartnerbookError(outcome.error), where).toBe(true);
          }
          expect(await scene.world.snapshot(), where).toEqual(before);
          expect(heard, where).toEqual([]);
          expect(mailer.messages.length, where).toBe(mailed);

          // The store is whole again: the same step now goes through.
          store.arm({});
          await operation.run(scene);
        }
      }
    });
  });
});
