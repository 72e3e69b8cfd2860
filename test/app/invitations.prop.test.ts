import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  type Member,
  manualClock,
  type Partnerbook,
  PartnerbookError,
  type PartnerbookOptions,
  randomIds,
  type Store,
  type StoreTransaction,
  sequentialIds,
} from "../../src/index.js";
import { type MemoryStore, memoryStore, type OutboxMailer, outboxMailer } from "../../src/memory.js";
import { aMember, anOrganisation, start, testSecret, type World } from "../support/builders.js";
import { adminOf, eventsOf } from "../support/events.js";

const inviteBaseUrl = "https://app.example.com/invite";
const tokenAlphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"];

/**
 * Delays the start of every transaction, and its invitation reads and writes, until `s` says so.
 * The first `together` transactions wait for each other (redeem hashes its token first, outside
 * the scheduler), so the scheduler can pick any order among all of them: a true race.
 */
function scheduledStore(store: MemoryStore, s: fc.Scheduler, together: number): Store {
  const scheduled = (tx: StoreTransaction): StoreTransaction => ({
    ...tx,
    invitations: {
      ...tx.invitations,
      findByTokenHash: (hash, options) =>
        s.schedule(tx.invitations.findByTokenHash(hash, options), "findByTokenHash"),
      update: (invitation, expected) =>
        s.schedule(tx.invitations.update(invitation, expected), "update invitation"),
    },
  });
  let arrived = 0;
  let openGate = () => {};
  const allArrived = new Promise<void>((resolve) => {
    openGate = resolve;
  });
  return {
    transaction: (fn) => {
      if (++arrived === together) openGate();
      return allArrived
        .then(() => s.schedule(Promise.resolve(), "transaction"))
        .then(() => store.transaction((tx) => fn(scheduled(tx))));
    },
  };
}

/**
 * Two partnerbooks over one memory store: `book` to arrange things step by step, `raced` whose
 * transactions start in the order the scheduler picks.
 */
function aRacingWorld(s: fc.Scheduler, racers: number): World & { raced: Partnerbook; outbox: OutboxMailer } {
  const store = memoryStore();
  const outbox = outboxMailer();
  const options: PartnerbookOptions = {
    store,
    clock: manualClock(start),
    ids: sequentialIds(),
    mailer: outbox,
    inviteBaseUrl,
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  };
  return {
    book: createPartnerbook(options),
    raced: createPartnerbook({ ...options, store: scheduledStore(store, s, racers) }),
    store,
    clock: options.clock as World["clock"],
    outbox,
  };
}

/** `count` members, each of a different organisation, all with linking on. */
async function externalMembers(world: World, count: number): Promise<Member[]> {
  const members: Member[] = [];
  for (let i = 0; i < count; i++) members.push(await aMember(world, await anOrganisation(world)));
  return members;
}

/** Starts every redeem at once and lets the scheduler decide who gets there first. */
async function race(
  world: ReturnType<typeof aRacingWorld>,
  s: fc.Scheduler,
  url: string,
  redeemers: Member[],
) {
  const attempts = redeemers.map((redeemer) => world.raced.invitations.redeem(redeemer.id, url));
  return s.waitFor(Promise.allSettled(attempts));
}

/** The winners' ids, after checking every loser lost to the race and to nothing else. */
function winnersOf(outcomes: PromiseSettledResult<unknown>[], redeemers: Member[]): string[] {
  const winners: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") winners.push((redeemers[i] as Member).id);
    else {
      expect(outcome.reason).toBeInstanceOf(PartnerbookError);
      expect(["INVITATION_USED_UP", "CONFLICT"]).toContain((outcome.reason as PartnerbookError).code);
    }
  });
  return winners.sort();
}

/** The linked pairs inviter → redeemer and redeemer → inviter in the store, as redeemer ids. */
function linkedWith(world: World, inviter: Member) {
  const contacts = world.store.snapshot().contacts;
  const targets = contacts.flatMap((contact) =>
    contact.kind === "linked" && contact.ownerId === inviter.id ? [contact.targetMemberId as string] : [],
  );
  const owners = contacts.flatMap((contact) =>
    contact.kind === "linked" && contact.targetMemberId === inviter.id ? [contact.ownerId as string] : [],
  );
  return { inInvitersBook: targets.sort(), holdingInviter: owners.sort() };
}

describe("R20: tokens that were not issued", () => {
  it("R20: for every token that was not issued — random strings, truncated or altered issued tokens — redeem fails and the store is unchanged", async () => {
    const store = memoryStore();
    const clock = manualClock(start);
    const outbox = outboxMailer();
    const book = createPartnerbook({
      store,
      clock,
      ids: randomIds,
      mailer: outbox,
      inviteBaseUrl,
      secret: testSecret,
    });
    const world: World = { store, clock, book };
    const [inviter, redeemer, checker] = await externalMembers(world, 3);
    if (inviter === undefined || redeemer === undefined || checker === undefined)
      throw new Error("no members");
    const link = await world.book.invitations.createLink(inviter.id);
    const single = await world.book.invitations.createLink(inviter.id, { maxUses: 1 });
    await world.book.invitations.sendEmail(inviter.id, ["guest@example.jp"]);
    const mailed = outbox.messages[0]?.text.match(/https:\/\/\S+/)?.[0] ?? "";
    const issued = [link.url, single.url, mailed].map((url) => url.slice(inviteBaseUrl.length + 1));

    const anIssued = fc.constantFrom(...issued);
    const tokenChar = fc.constantFrom(...tokenAlphabet);
    const notIssued = fc
      .oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.string({ unit: tokenChar, minLength: 16, maxLength: 128 }),
        // A proper prefix of an issued token.
        fc.tuple(anIssued, fc.nat()).map(([token, cut]) => token.slice(0, cut % token.length)),
        // An issued token with one character changed to another one of the alphabet.
        fc
          .tuple(anIssued, fc.nat(), fc.integer({ min: 1, max: tokenAlphabet.length - 1 }))
          .map(([token, at, shift]) => {
            const i = at % token.length;
            const changed =
              tokenAlphabet[(tokenAlphabet.indexOf(token[i] as string) + shift) % tokenAlphabet.length];
            return `${token.slice(0, i)}${changed}${token.slice(i + 1)}`;
          }),
        // An issued token with characters added before or after it.
        fc
          .tuple(anIssued, fc.string({ unit: tokenChar, minLength: 1, maxLength: 4 }), fc.boolean())
          .map(([token, extra, ahead]) => (ahead ? `${extra}${token}` : `${token}${extra}`)),
      )
      .filter((candidate) => !issued.includes(candidate.trim()));
    const pasted = fc.constantFrom(
      (token: string) => token,
      (token: string) => `${inviteBaseUrl}/${token}`,
      (token: string) => `${inviteBaseUrl}?token=${token}`,
      (token: string) => `  ${inviteBaseUrl}/${token}\n`,
    );

    await fc.assert(
      fc.asyncProperty(notIssued, pasted, async (candidate, paste) => {
        const before = store.snapshot();
        const refusal = await world.book.invitations.redeem(redeemer.id, paste(candidate)).then(
          () => null,
          (error: unknown) => error,
        );
        expect(refusal).toBeInstanceOf(PartnerbookError);
        expect(["NOT_FOUND", "VALIDATION"]).toContain((refusal as PartnerbookError).code);
        expect(store.snapshot()).toEqual(before);
      }),
      { numRuns: 200 },
    );

    // Not vacuous: the issued tokens themselves, pasted in these same forms, do redeem.
    expect((await world.book.invitations.redeem(checker.id, `  ${issued[0]}\n`)).status).toBe("added");
    expect(
      (await world.book.invitations.redeem(checker.id, `${inviteBaseUrl}?token=${issued[1]}`)).status,
    ).toBe("existing");
    expect((await world.book.invitations.redeem(redeemer.id, `${inviteBaseUrl}/${issued[2]}`)).status).toBe(
      "added",
    );
  });
});

describe("R20: racing redeems", () => {
  it("R20: two redeems of a single-use invitation racing each other — exactly one wins", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 4 }), async (s, count) => {
        const world = aRacingWorld(s, count);
        const [inviter] = await externalMembers(world, 1);
        if (inviter === undefined) throw new Error("no inviter");
        const redeemers = await externalMembers(world, count);
        const [sent] = await world.book.invitations.sendEmail(inviter.id, ["guest@example.jp"]);
        const url = world.outbox.messages[0]?.text.match(/https:\/\/\S+/)?.[0] ?? "";

        const winners = winnersOf(await race(world, s, url, redeemers), redeemers);

        expect(winners).toHaveLength(1);
        expect(linkedWith(world, inviter)).toEqual({ inInvitersBook: winners, holdingInviter: winners });
        const invitation = world.store.snapshot().invitations.find(({ id }) => id === sent?.invitationId);
        expect(invitation?.uses).toBe(1);
        const redeemed = (
          await eventsOf(world.book, adminOf(world.store, inviter.organisationId), inviter.organisationId)
        ).filter((event) => event.type === "invitation_redeemed");
        expect(redeemed.map((event) => event.actorId)).toEqual(winners);
      }),
      { numRuns: 40 },
    );
  });

  it("R18, R20: n redeems racing for a link with maxUses k < n — exactly k win", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        async (s, maxUses, extra) => {
          const world = aRacingWorld(s, maxUses + extra);
          const [inviter] = await externalMembers(world, 1);
          if (inviter === undefined) throw new Error("no inviter");
          const redeemers = await externalMembers(world, maxUses + extra);
          const { invitation, url } = await world.book.invitations.createLink(inviter.id, { maxUses });

          const winners = winnersOf(await race(world, s, url, redeemers), redeemers);

          expect(winners).toHaveLength(maxUses);
          expect(linkedWith(world, inviter)).toEqual({ inInvitersBook: winners, holdingInviter: winners });
          expect(world.store.snapshot().invitations.find(({ id }) => id === invitation.id)?.uses).toBe(
            maxUses,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
