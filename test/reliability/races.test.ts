import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Contact,
  createPartnerbook,
  type ErrorCode,
  fixedWindowRateLimiter,
  type ImportSummary,
  invitationTokenFrom,
  isPartnerbookError,
  manualClock,
  type Partnerbook,
  type Store,
} from "../../src/index.js";
import { type OutboxMailer, outboxMailer } from "../../src/memory.js";
import { resumedIds, testSecret } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import {
  interceptStore,
  pgliteStoreUnderTest,
  type StoreUnderTest,
  storesUnderTest,
} from "../support/faulty-store.js";

const start = new Date("2026-04-01T00:00:00.000Z");

/**
 * Holds the first transaction of each racer until every racer has asked for one (or one racer
 * has finished without), so that work a step does before its transaction (hashing a token)
 * cannot decide the order: the scheduler does.
 */
function startingGate(racers: number) {
  let arrived = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    arrive(): Promise<void> {
      if (++arrived >= racers) open();
      return opened;
    },
    open: () => open(),
  };
}

type StartingGate = ReturnType<typeof startingGate>;

/**
 * `inner`, with the start of every transaction and every repository call inside one handed to
 * the scheduler: fast-check decides which concurrent step goes next. A store that serialises
 * transactions is raced at their starts; one that does not is raced at every call.
 */
function scheduledStore(inner: Store, s: fc.Scheduler, gate: StartingGate): Store {
  return interceptStore(inner, {
    transaction: (run) =>
      gate
        .arrive()
        .then(() => s.schedule(Promise.resolve(), "transaction"))
        .then(run),
    call: (label, run) => s.schedule(Promise.resolve(), label).then(run),
  });
}

/**
 * A store with two books on it: `book` for setting up and looking, `racing(s)` for the race. Its
 * ids go on after the first `idsUsed` of a sequential source: a world a scene was built in, on
 * a store put back to what it held then, hands out what the first would have handed out next.
 */
function aWorld(inner: Store, idsUsed = 0) {
  const mailer = outboxMailer();
  const ids = resumedIds(idsUsed);
  const shared = {
    clock: manualClock(start),
    ids,
    mailer,
    inviteBaseUrl: "https://app.example/invite",
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  };
  return {
    book: createPartnerbook({ store: inner, ...shared }),
    inner,
    mailer,
    idsUsed: () => ids.used(),
    racing: (s: fc.Scheduler, gate: StartingGate) =>
      createPartnerbook({ store: scheduledStore(inner, s, gate), ...shared }),
  };
}

/** Acme (admin, sato, suzuki, tanaka) and Globex (admin, lee, kim, park), linking on; always the same. */
async function aScene(adapter: StoreUnderTest) {
  const world = aWorld(await adapter.makeStore());
  const { book } = world;
  const organisation = (name: string) =>
    book.organisations.create({
      name,
      admin: { worksId: `${name.toLowerCase()}-admin`, displayName: `${name} Admin` },
    });
  const acme = await organisation("Acme");
  const globex = await organisation("Globex");
  const member = (org: typeof acme, worksId: string) =>
    book.members.create(org.admin.id, { worksId, displayName: worksId });
  return {
    ...world,
    acme,
    globex,
    sato: await member(acme, "sato"),
    suzuki: await member(acme, "suzuki"),
    tanaka: await member(acme, "tanaka"),
    lee: await member(globex, "lee"),
    kim: await member(globex, "kim"),
    park: await member(globex, "park"),
  };
}

type Scene = Awaited<ReturnType<typeof aScene>>;

/** What one step came to: its code if refused, else what the race cares about in its answer. */
type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: ErrorCode };

async function settle(step: Promise<unknown>, summary: (value: never) => unknown): Promise<Outcome> {
  try {
    return { ok: true, value: summary((await step) as never) };
  } catch (error) {
    // Anything but a typed refusal is a crash, and fails the race outright.
    if (!isPartnerbookError(error)) throw error;
    return { ok: false, code: error.code };
  }
}

const refused = (outcome: Outcome | undefined, code: ErrorCode) =>
  outcome !== undefined && !outcome.ok && outcome.code === code;

/** The organisations of the scene, whose logs the races write to, each with its admin to read it whole. */
const logsOf = (scene: Scene) => [
  { organisationId: scene.acme.organisation.id, reader: scene.acme.admin.id },
  { organisationId: scene.globex.organisation.id, reader: scene.globex.admin.id },
];

/** Where each of the scene's logs stands: its last sequence, by organisation. */
async function lastSequences(scene: Scene): Promise<number[]> {
  const sequences: number[] = [];
  for (const { organisationId, reader } of logsOf(scene)) {
    sequences.push((await eventsOf(scene.book, reader, organisationId)).at(-1)?.sequence ?? 0);
  }
  return sequences;
}

/**
 * The event types recorded in each of the scene's logs after `sequences` (from
 * {@link lastSequences}): no step may be half-recorded.
 */
async function eventTypesAfter(scene: Scene, sequences: readonly number[]): Promise<string[][]> {
  const types: string[][] = [];
  for (const [i, { organisationId, reader }] of logsOf(scene).entries()) {
    const events = await scene.book.events.list(reader, {
      organisationId,
      after: sequences[i] ?? 0,
      limit: 1000,
    });
    types.push(events.map((event) => event.type));
  }
  return types;
}

/** Two concurrent steps on the same scene, what to look at afterwards, and what must hold then. */
interface Race<P> {
  readonly title: string;
  prepare(scene: Scene): Promise<P>;
  readonly steps: readonly [Step<P>, Step<P>];
  observe(scene: Scene, prepared: P): Promise<unknown>;
  invariant(outcomes: readonly Outcome[], observed: never, prepared: P): void;
}

interface Step<P> {
  run(book: Partnerbook, scene: Scene, prepared: P): Promise<unknown>;
  summary(value: never): unknown;
}

/**
 * What a run of `race` came to — both outcomes and what was observed afterwards — with the
 * steps run one after the other in `order`, or concurrently as the scheduler `s` interleaves them.
 */
/** A race's starting point: the scene, what `prepare` made of it, and where its logs stood. */
interface Start<P> {
  readonly scene: Scene;
  readonly prepared: P;
  readonly sequences: readonly number[];
}

/**
 * Starting points for the runs of one race. Where the store can put its rows back (PGlite), the
 * scene is built and prepared once, then restored for each run with a new world whose ids go on
 * from the same place: on PGlite building it through the book was most of this suite's time.
 */
function startingPoints<P>(adapter: StoreUnderTest, race: Race<P>): () => Promise<Start<P>> {
  let saved: { start: Start<P>; holds: unknown; restore: () => Promise<Store>; idsUsed: number } | undefined;
  return async () => {
    if (saved === undefined || adapter.savePoint === undefined) {
      const scene = await aScene(adapter);
      const prepared = await race.prepare(scene);
      const start = { scene, prepared, sequences: await lastSequences(scene) };
      if (adapter.savePoint !== undefined) {
        const holds = await adapter.snapshot(scene.inner);
        const restore = await adapter.savePoint(scene.inner);
        saved = { start, holds, restore, idsUsed: scene.idsUsed() };
      }
      return start;
    }
    const inner = await saved.restore();
    expect(await adapter.snapshot(inner), "the scene put back").toEqual(saved.holds);
    const world = aWorld(inner, saved.idsUsed);
    return { ...saved.start, scene: { ...saved.start.scene, ...world } };
  };
}

async function runRace<P>(
  starts: () => Promise<Start<P>>,
  race: Race<P>,
  order: readonly number[] | fc.Scheduler,
) {
  const { scene, prepared, sequences } = await starts();
  const outcomes: Outcome[] = [];
  if (Array.isArray(order)) {
    for (const index of order) {
      const step = race.steps[index] as Step<P>;
      outcomes[index] = await settle(step.run(scene.book, scene, prepared), step.summary);
    }
  } else {
    const s = order as fc.Scheduler;
    const gate = startingGate(race.steps.length);
    const book = scene.racing(s, gate);
    const pending = race.steps.map((step) =>
      settle(step.run(book, scene, prepared), step.summary).finally(gate.open),
    );
    outcomes.push(...(await s.waitFor(Promise.all(pending))));
    await s.waitIdle();
  }
  const observed = {
    state: await race.observe(scene, prepared),
    events: await eventTypesAfter(scene, sequences),
  };
  return { outcomes, observed, prepared };
}

/**
 * Interleavings tried per race: on memory, where each repository call is raced, 40; on PGlite,
 * which runs one transaction at a time, the races are the orders in which the transactions
 * start, and 20 reach both orders (asserted below, so fewer would fail rather than pass unseen).
 */
const racesRuns = (adapter: StoreUnderTest) => (adapter === pgliteStoreUnderTest ? 20 : 40);

/**
 * Every interleaving the scheduler picks must come to what one of the two serial orders comes
 * to — outcomes, state and events alike — and must satisfy the race's own invariant.
 */
function proveRace<P>(adapter: StoreUnderTest, race: Race<P>) {
  it(race.title, async () => {
    const starts = startingPoints(adapter, race);
    const serial = [await runRace(starts, race, [0, 1]), await runRace(starts, race, [1, 0])].map(
      ({ outcomes, observed }) => ({ outcomes, observed }),
    );
    const reached = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const { outcomes, observed, prepared } = await runRace(starts, race, s);
        expect(serial, `no serial order came to ${JSON.stringify({ outcomes, observed })}`).toContainEqual({
          outcomes,
          observed,
        });
        reached.add(serial.findIndex((result) => isDeepStrictEqual(result, { outcomes, observed })));
        race.invariant(outcomes, observed.state as never, prepared);
      }),
      { numRuns: racesRuns(adapter) },
    );
    // Not vacuous: the scheduler did race the steps both ways round.
    expect([...reached].sort()).toEqual([0, 1]);
  });
}

const contactSummary = (contact: Contact) => ({ id: contact.id, version: contact.version });
const nothing = () => null;

/** The contacts `owner` holds for `target`, trashed ones included. */
async function contactsFor(book: Partnerbook, owner: Scene["sato"], target: Scene["lee"]) {
  const live = (await book.contacts.list(owner.id, { tab: "external", limit: 200 })).items
    .map((entry) => entry.contact)
    .filter((contact) => contact.kind === "linked" && contact.targetMemberId === target.id);
  const trashed = (await book.trash.list(owner.id, { limit: 200 })).items
    .map((entry) => entry.contact)
    .filter((contact) => contact.kind === "linked" && contact.targetMemberId === target.id);
  return { live, trashed };
}

const editRace: Race<{ contact: Contact }> = {
  title: "R25: edit ∥ edit on the same version — exactly one wins, the other is CONFLICT, no update is lost",
  async prepare({ book, sato }) {
    const added = await book.contacts.addCustomer(sato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.jp" }],
    });
    const contact = await book.contacts.share(
      sato.id,
      added.id,
      { visibility: "organisation", coEditing: true },
      { expectedVersion: added.version },
    );
    return { contact };
  },
  steps: [
    {
      run: (book, { sato }, { contact }) =>
        book.contacts.edit(sato.id, contact.id, { memo: "from sato" }, { expectedVersion: contact.version }),
      summary: (contact: Contact) => ({ ...contactSummary(contact), memo: contact.fields.memo }),
    },
    {
      run: (book, { suzuki }, { contact }) =>
        book.contacts.edit(
          suzuki.id,
          contact.id,
          { department: "営業部" },
          { expectedVersion: contact.version },
        ),
      summary: (contact: Contact) => ({ ...contactSummary(contact), department: contact.fields.department }),
    },
  ],
  observe: async ({ book, sato }, { contact }) => book.contacts.get(sato.id, contact.id),
  invariant(outcomes, stored: Contact, { contact }) {
    const winners = outcomes.filter((outcome) => outcome.ok);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => refused(outcome, "CONFLICT"))).toHaveLength(1);
    expect(stored.version).toBe(contact.version + 1);
    // The winner's change is there and the loser's is not: nothing silently merged or lost.
    const satoWon = outcomes[0]?.ok === true;
    expect(stored.fields.memo).toBe(satoWon ? "from sato" : null);
    expect(stored.fields.department).toBe(satoWon ? null : "営業部");
  },
};

const deleteRestoreRace = (startInTrash: boolean): Race<{ contact: Contact }> => ({
  title: `R30–R32: delete ∥ restore of a contact ${startInTrash ? "in the trash" : "not in the trash"} — as if one ran after the other`,
  async prepare({ book, sato, lee }) {
    const { contact } = await book.contacts.addFromSearch(sato.id, lee.id);
    if (startInTrash) return { contact: (await book.trash.delete(sato.id, contact.id)).contact };
    return { contact };
  },
  steps: [
    {
      run: (book, { sato }, { contact }) => book.trash.delete(sato.id, contact.id),
      summary: (entry: { contact: Contact }) => contactSummary(entry.contact),
    },
    {
      run: (book, { sato }, { contact }) => book.trash.restore(sato.id, contact.id),
      summary: contactSummary,
    },
  ],
  observe: async ({ book, sato, lee }) => contactsFor(book, sato, lee),
  invariant(outcomes, held: { live: Contact[]; trashed: Contact[] }, { contact }) {
    // One contact for lee, in exactly one place, never lost and never doubled (R15).
    expect(held.live.length + held.trashed.length).toBe(1);
    const [deleted, restored] = outcomes;
    const stored = (held.live[0] ?? held.trashed[0]) as Contact;
    expect(stored.id).toBe(contact.id);
    const succeeded = outcomes.filter((outcome) => outcome.ok).length;
    expect(stored.version).toBe(contact.version + succeeded);
    if (startInTrash) {
      expect(restored?.ok).toBe(true);
      expect(deleted?.ok || refused(deleted, "IN_TRASH")).toBe(true);
    } else {
      expect(deleted?.ok).toBe(true);
      expect(restored?.ok || refused(restored, "NOT_IN_TRASH")).toBe(true);
    }
  },
});

const redeemRace: Race<{ url: string }> = {
  title: "R20: redeem ∥ redeem of a single-use email invitation — exactly one wins",
  async prepare({ book, mailer, park }) {
    await book.invitations.sendEmail(park.id, ["partners@acme.example"]);
    return { url: mailedUrl(mailer) };
  },
  steps: [
    {
      run: (book, { sato }, { url }) => book.invitations.redeem(sato.id, url),
      summary: (result: { status: string }) => result.status,
    },
    {
      run: (book, { suzuki }, { url }) => book.invitations.redeem(suzuki.id, url),
      summary: (result: { status: string }) => result.status,
    },
  ],
  observe: async ({ book, sato, suzuki, park }) => ({
    sato: (await contactsFor(book, sato, park)).live.length,
    suzuki: (await contactsFor(book, suzuki, park)).live.length,
    pending: (await book.invitations.listPending(park.id)).length,
  }),
  invariant(outcomes, held: { sato: number; suzuki: number; pending: number }) {
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => refused(outcome, "INVITATION_USED_UP"))).toHaveLength(1);
    expect(held.sato + held.suzuki).toBe(1);
    expect(held.sato).toBe(outcomes[0]?.ok ? 1 : 0);
    expect(held.pending).toBe(0);
  },
};

const revokeRedeemRace: Race<{ url: string; invitationId: string }> = {
  title:
    "R19: revoke ∥ redeem of an invite link — either redeemed before the revoke, or refused and nothing added",
  async prepare({ book, park }) {
    const link = await book.invitations.createLink(park.id);
    return { url: link.url, invitationId: link.invitation.id };
  },
  steps: [
    {
      run: (book, { park }, { invitationId }) =>
        book.invitations.revoke(park.id, invitationId as Parameters<Partnerbook["invitations"]["revoke"]>[1]),
      summary: (invitation: { uses: number }) => invitation.uses,
    },
    {
      run: (book, { sato }, { url }) => book.invitations.redeem(sato.id, url),
      summary: (result: { status: string }) => result.status,
    },
  ],
  observe: async ({ book, sato, park }) => (await contactsFor(book, sato, park)).live.length,
  invariant(outcomes, held: number) {
    const [revoked, redeemed] = outcomes;
    expect(revoked?.ok).toBe(true);
    expect(redeemed?.ok || refused(redeemed, "INVITATION_REVOKED")).toBe(true);
    expect(held).toBe(redeemed?.ok ? 1 : 0);
  },
};

const addRace: Race<{ qrToken: string }> = {
  title: "R15: add ∥ add of the same person by the same owner — one contact",
  async prepare({ book, lee }) {
    return { qrToken: (await book.qrCodes.mine(lee.id)).token };
  },
  steps: [
    {
      run: (book, { sato, lee }) => book.contacts.addFromSearch(sato.id, lee.id),
      summary: (result: { status: string; contact: Contact }) => ({
        status: result.status,
        id: result.contact.id,
      }),
    },
    {
      run: (book, { sato }, { qrToken }) => book.contacts.addFromQr(sato.id, qrToken),
      summary: (result: { status: string; contact: Contact }) => ({
        status: result.status,
        id: result.contact.id,
      }),
    },
  ],
  observe: async ({ book, sato, lee }) => contactsFor(book, sato, lee),
  invariant(outcomes, held: { live: Contact[]; trashed: Contact[] }) {
    expect(held.live).toHaveLength(1);
    expect(held.trashed).toHaveLength(0);
    const answers = outcomes.map((outcome) =>
      outcome.ok ? (outcome.value as { status: string; id: string }) : null,
    );
    expect(answers.map((answer) => answer?.status).sort()).toEqual(["added", "existing"]);
    for (const answer of answers) expect(answer?.id).toBe(held.live[0]?.id);
  },
};

const switchOffRace = (side: "own" | "target"): Race<null> => ({
  title: `R5: switching linking off (${side === "own" ? "the adder's" : "the target's"} organisation) ∥ add — the add fails, or the contact exists with talk suspended`,
  prepare: async () => null,
  steps: [
    {
      run: (book, { acme, globex }) => {
        const org = side === "own" ? acme : globex;
        return book.organisations.setLinkingPolicy(org.admin.id, org.organisation.id, { enabled: false });
      },
      summary: (organisation: { linking: { enabled: boolean } }) => organisation.linking.enabled,
    },
    {
      run: (book, { sato, lee }) => book.contacts.addFromSearch(sato.id, lee.id),
      summary: (result: { status: string }) => result.status,
    },
  ],
  async observe({ book, sato, lee }) {
    const { live } = await contactsFor(book, sato, lee);
    const talk = await Promise.all(live.map((contact) => book.contacts.talkAccess(sato.id, contact.id)));
    return { contacts: live.length, talk: talk.map((access) => access.reason) };
  },
  invariant(outcomes, held: { contacts: number; talk: string[] }) {
    const [switched, added] = outcomes;
    expect(switched?.ok).toBe(true);
    if (added?.ok) {
      expect(held).toEqual({ contacts: 1, talk: ["linking_suspended"] });
    } else {
      // R10: only the adder's own side is named; the target's side looks like nobody.
      expect(refused(added, side === "own" ? "LINKING_DISABLED" : "NOT_FOUND")).toBe(true);
      expect(held).toEqual({ contacts: 0, talk: [] });
    }
  },
});

const removeAddRace: Race<null> = {
  title: "R29: removing a member ∥ that member adding someone — the add fails, or the heir owns the contact",
  prepare: async () => null,
  steps: [
    {
      run: (book, { acme, tanaka, suzuki }) =>
        book.members.remove(acme.admin.id, tanaka.id, { newOwner: suzuki.id }),
      summary: nothing,
    },
    {
      run: (book, { tanaka, park }) => book.contacts.addFromSearch(tanaka.id, park.id),
      summary: (result: { status: string }) => result.status,
    },
  ],
  observe: async ({ book, suzuki, park }) => (await contactsFor(book, suzuki, park)).live.length,
  invariant(outcomes, heirHolds: number) {
    const [removed, added] = outcomes;
    expect(removed?.ok).toBe(true);
    // Once removed, the adder is an unknown actor.
    expect(added?.ok || refused(added, "UNKNOWN_ACTOR")).toBe(true);
    expect(heirHolds).toBe(added?.ok ? 1 : 0);
  },
};

const importOfYamada: Step<null> = {
  run: (book, { sato }) =>
    book.contacts.import(sato.id, [
      { line: 2, contact: { familyName: "山田", emails: [{ address: "yamada@example.jp" }] } },
    ]),
  summary: (summary: ImportSummary) => summary,
};

const importRace: Race<null> = {
  title: "R15: import ∥ import of the same record by the same owner — one contact, the other import finds it",
  prepare: async () => null,
  steps: [importOfYamada, importOfYamada],
  observe: async ({ book, sato }) => (await book.contacts.list(sato.id)).items.length,
  invariant(outcomes, held: number) {
    expect(held).toBe(1);
    const summaries = outcomes.map((outcome) => (outcome.ok ? (outcome.value as ImportSummary) : null));
    expect(summaries.map((summary) => summary?.added).sort()).toEqual([0, 1]);
    expect(summaries.map((summary) => summary?.existing).sort()).toEqual([0, 1]);
  },
};

/** The invite URL of the last email in the outbox. */
function mailedUrl(mailer: OutboxMailer): string {
  const text = mailer.messages.at(-1)?.text ?? "";
  const url = text.split("\n").find((line) => invitationTokenFrom(line) !== null);
  if (url === undefined) throw new Error("no invite URL in the outbox");
  return url;
}

describe.each(storesUnderTest)("$name store", (adapter) => {
  describe("Races: every interleaving comes to what some serial order comes to, and keeps the invariants", () => {
    proveRace(adapter, editRace);
    proveRace(adapter, deleteRestoreRace(false));
    proveRace(adapter, deleteRestoreRace(true));
    proveRace(adapter, redeemRace);
    proveRace(adapter, revokeRedeemRace);
    proveRace(adapter, addRace);
    proveRace(adapter, switchOffRace("own"));
    proveRace(adapter, switchOffRace("target"));
    proveRace(adapter, removeAddRace);
    proveRace(adapter, importRace);
  });
});
