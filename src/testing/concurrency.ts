import { describe, expect, it } from "vitest";
import type { Contact } from "../domain/contact.js";
import { asContactId, asOrganisationId, type OrganisationId } from "../domain/ids.js";
import type { DueDeletion, StoreTransaction } from "../ports/store.js";
import {
  aCustomer,
  aLinkedContact,
  aMember,
  anEvent,
  appendEvent,
  at,
  daysAfter,
  seedPeople,
  trashedOn,
} from "./records.js";
import { pause, type Suite } from "./suite.js";

const acme = asOrganisationId("org_acme");
const globex = asOrganisationId("org_globex");

/** A promise and the function that settles it: for one transaction to tell another it got there. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

// The app seals each message; to the store it is an opaque string, handed back as it was put —
// quotes, backslashes, braces and all.
const messageOf = (key: string, idempotencyKey: string): string =>
  `v1.sealed-${key}.{"\\${idempotencyKey}"} 招待`;

const counts = async (tx: StoreTransaction) => [
  await tx.contacts.countActive(acme),
  await tx.contacts.countActive(globex),
];

/** What several app processes on one store rely on: counts, logs, claims and the outbox. */
export function concurrencyContract(suite: Suite): void {
  describe("R16: the live count of each organisation", () => {
    it("follows every change that makes a contact live or not live, and nothing else", async () => {
      const people = await suite.run(seedPeople);
      const { sato, suzuki, lee } = people;
      const step = (fn: (tx: StoreTransaction) => Promise<unknown>) =>
        suite.run(async (tx) => {
          await fn(tx);
          return counts(tx);
        });
      expect(await suite.run(counts)).toEqual([0, 0]);
      expect(await step((tx) => tx.contacts.insert(aCustomer("con_1", sato, "One")))).toEqual([1, 0]);
      expect(await step((tx) => tx.contacts.insert(aLinkedContact("con_2", sato, lee)))).toEqual([2, 0]);
      const trashed = aCustomer("con_3", suzuki, "Trashed", { trash: trashedOn(at) });
      expect(await step((tx) => tx.contacts.insert(trashed))).toEqual([2, 0]);
      expect(await step((tx) => tx.contacts.insert(aCustomer("con_4", lee, "Other")))).toEqual([2, 1]);
      const one = (await suite.run((tx) => tx.contacts.get(asContactId("con_1")))) as Contact;
      expect(
        await step((tx) =>
          tx.contacts.update({ ...one, fields: { ...one.fields, memo: "edit" }, version: 2 }, 1),
        ),
      ).toEqual([2, 1]);
      expect(await step((tx) => tx.contacts.update({ ...one, trash: trashedOn(at), version: 3 }, 2))).toEqual(
        [1, 1],
      );
      expect(await step((tx) => tx.contacts.update({ ...trashed, trash: null, version: 2 }, 1))).toEqual([
        2, 1,
      ]);
      expect(await step((tx) => tx.contacts.reassignOwner(sato.id, suzuki.id))).toEqual([2, 1]);
      expect(await step((tx) => tx.contacts.delete(asContactId("con_1"), 4))).toEqual([2, 1]);
      expect(await step((tx) => tx.contacts.delete(asContactId("con_2"), 2))).toEqual([1, 1]);
      const undone = suite.run(async (tx) => {
        await tx.contacts.insert(aCustomer("con_5", lee, "Undone"));
        throw new Error("rolled back");
      });
      await expect(undone).rejects.toThrow("rolled back");
      expect(await suite.run(counts)).toEqual([1, 1]);
    });

    it("is held from countActive to the end of the transaction: a second reader waits and sees the first one's add", async () => {
      const { sato, suzuki } = await suite.run(seedPeople);
      await suite.run((tx) => tx.contacts.insert(aCustomer("con_zero", sato, "Zero")));
      const held = signal();
      const first = suite.run(async (tx) => {
        const before = await tx.contacts.countActive(acme);
        await tx.contacts.insert(aCustomer("con_first", sato, "First"));
        held.fire();
        await pause();
        return before;
      });
      await held.promise;
      const second = suite.run(async (tx) => {
        const seen = await tx.contacts.countActive(acme);
        await tx.contacts.insert(aCustomer("con_second", suzuki, "Second"));
        return seen;
      });
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(await suite.run((tx) => tx.contacts.countActive(acme))).toBe(3);
    });
  });

  describe("R35: one event log per organisation", () => {
    it("numbers each organisation's events from 1, and lists one log at a time", async () => {
      const appended = await suite.run((tx) =>
        tx.events.appendAll([
          anEvent("evt_a1", null, acme),
          anEvent("evt_g1", null, globex),
          anEvent("evt_a2", null, acme),
        ]),
      );
      expect(appended.map((event) => [event.id, event.organisationId, event.sequence])).toEqual([
        ["evt_a1", acme, 1],
        ["evt_g1", globex, 1],
        ["evt_a2", acme, 2],
      ]);
      const list = (organisationId: OrganisationId, after = 0) =>
        suite.run((tx) => tx.events.list({ organisationId, after, limit: 10 }));
      expect((await list(acme)).map((event) => event.id)).toEqual(["evt_a1", "evt_a2"]);
      expect((await list(acme, 1)).map((event) => event.id)).toEqual(["evt_a2"]);
      expect((await list(globex)).map((event) => event.id)).toEqual(["evt_g1"]);
      expect(await list(asOrganisationId("org_silent"))).toEqual([]);
    });

    it("appendAll continues each log without a gap, in the given order, whatever the organisations' order", async () => {
      const other = asOrganisationId("org_0_first");
      await suite.run((tx) => tx.events.appendAll([anEvent("evt_a1", null, acme)]));
      const appended = await suite.run((tx) =>
        tx.events.appendAll([
          anEvent("evt_g1", null, globex),
          anEvent("evt_a2", null, acme),
          anEvent("evt_g2", null, globex),
          anEvent("evt_o1", null, other),
          anEvent("evt_a3", null, acme),
          anEvent("evt_g3", null, globex),
        ]),
      );
      expect(appended.map((event) => [event.id, event.sequence])).toEqual([
        ["evt_g1", 1],
        ["evt_a2", 2],
        ["evt_g2", 2],
        ["evt_o1", 1],
        ["evt_a3", 3],
        ["evt_g3", 3],
      ]);
      const log = async (organisationId: OrganisationId) =>
        (await suite.run((tx) => tx.events.list({ organisationId, after: 0, limit: 10 }))).map((event) => [
          event.id,
          event.sequence,
        ]);
      expect(await log(acme)).toEqual([
        ["evt_a1", 1],
        ["evt_a2", 2],
        ["evt_a3", 3],
      ]);
      expect(await log(globex)).toEqual([
        ["evt_g1", 1],
        ["evt_g2", 2],
        ["evt_g3", 3],
      ]);
      expect(await log(other)).toEqual([["evt_o1", 1]]);
      expect((await suite.run((tx) => appendEvent(tx, anEvent("evt_a4", null, acme)))).sequence).toBe(4);
    });

    it("appendAll of no events appends nothing and returns none", async () => {
      await suite.run((tx) => tx.events.appendAll([anEvent("evt_a1", null, acme)]));
      expect(await suite.run((tx) => tx.events.appendAll([]))).toEqual([]);
      expect((await suite.run((tx) => appendEvent(tx, anEvent("evt_a2", null, acme)))).sequence).toBe(2);
    });

    it("of two transactions appending to one log, the one that commits later has the higher sequence", async () => {
      const appended = signal();
      const first = suite.run(async (tx) => {
        const event = await appendEvent(tx, anEvent("evt_first", null, acme));
        appended.fire();
        await pause();
        return event.sequence;
      });
      await appended.promise;
      const second = suite.run(
        async (tx) => (await appendEvent(tx, anEvent("evt_second", null, acme))).sequence,
      );
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      // A log another organisation writes meanwhile neither waits nor shares the numbers.
      expect((await suite.run((tx) => appendEvent(tx, anEvent("evt_other", null, globex)))).sequence).toBe(1);
    });
  });

  describe("R33: clean-ups side by side", () => {
    it("deleteDue skips what a concurrent clean-up holds: each takes other due contacts, never the same ones", async () => {
      const { sato } = await suite.run(seedPeople);
      await suite.run(async (tx) => {
        for (const n of [1, 2, 3, 4, 5]) {
          await tx.contacts.insert(
            aCustomer(`con_due_${n}`, sato, `Due ${n}`, { trash: trashedOn(daysAfter(n / 10)) }),
          );
        }
      });
      const later = daysAfter(60);
      const claimed = signal();
      const ids = ({ removed, more }: DueDeletion) => ({
        removed: removed.map((contact) => contact.id),
        more,
      });
      const first = suite.run(async (tx) => {
        const deleted = await tx.contacts.deleteDue(later, 2);
        claimed.fire();
        await pause();
        return ids(deleted);
      });
      await claimed.promise;
      const second = suite.run(async (tx) => ids(await tx.contacts.deleteDue(later, 10)));
      const [mine, theirs] = await Promise.all([first, second]);
      expect(mine).toEqual({ removed: ["con_due_1", "con_due_2"], more: true });
      // A store may hold the contact it looked at to answer `more` (con_due_3) until commit.
      expect([
        ["con_due_3", "con_due_4", "con_due_5"],
        ["con_due_4", "con_due_5"],
      ]).toContainEqual(theirs.removed);
      expect(theirs.more).toBe(false);
      const left = await suite.run((tx) => tx.contacts.deleteDue(later, 10));
      expect(
        [...mine.removed, ...theirs.removed, ...left.removed.map((contact) => contact.id)].sort(),
      ).toEqual(["con_due_1", "con_due_2", "con_due_3", "con_due_4", "con_due_5"]);
    });
  });

  describe("R17: the outbox", () => {
    const put =
      (key: string, idempotencyKey: string, when = at) =>
      (tx: StoreTransaction) =>
        tx.outbox.put({
          key,
          organisationId: acme,
          idempotencyKey,
          message: messageOf(key, idempotencyKey),
          at: when,
        });

    it("hands a message out once per lease, oldest first, and again when the lease runs out", async () => {
      await suite.run(put("a", "a:1"));
      await suite.run(put("b", "b:1", daysAfter(0.001)));
      await suite.run(put("later", "later:1", daysAfter(1)));
      expect(await suite.run((tx) => tx.outbox.countPending())).toBe(3);
      const now = daysAfter(0.5);
      const lease = daysAfter(0.6);
      const first = await suite.run((tx) => tx.outbox.claim({ now, until: lease, limit: 10 }));
      expect(first).toEqual([
        {
          key: "a",
          organisationId: acme,
          idempotencyKey: "a:1",
          message: messageOf("a", "a:1"),
          attempts: 0,
        },
        {
          key: "b",
          organisationId: acme,
          idempotencyKey: "b:1",
          message: messageOf("b", "b:1"),
          attempts: 0,
        },
      ]);
      expect(await suite.run((tx) => tx.outbox.claim({ now, until: lease, limit: 10 }))).toEqual([]);
      const again = await suite.run((tx) => tx.outbox.claim({ now: lease, until: daysAfter(0.7), limit: 1 }));
      expect(again.map((item) => [item.key, item.attempts])).toEqual([["a", 1]]);
    });

    it("claims only the keys asked for, and a message delivered or failed moves on", async () => {
      await suite.run(put("a", "a:1"));
      await suite.run(put("b", "b:1"));
      const now = daysAfter(0);
      const [b] = await suite.run((tx) =>
        tx.outbox.claim({ now, until: daysAfter(1), limit: 10, keys: ["b", "x"] }),
      );
      expect(b?.key).toBe("b");
      await suite.run((tx) => tx.outbox.delivered("b", "b:1"));
      const [a] = await suite.run((tx) => tx.outbox.claim({ now, until: daysAfter(1), limit: 10 }));
      expect(a?.key).toBe("a");
      await suite.run((tx) => tx.outbox.failed("a", "a:1", daysAfter(2), "Error: unreachable"));
      expect(
        await suite.run((tx) => tx.outbox.claim({ now: daysAfter(1.5), until: daysAfter(3), limit: 10 })),
      ).toEqual([]);
      const retried = await suite.run((tx) =>
        tx.outbox.claim({ now: daysAfter(2), until: daysAfter(3), limit: 10 }),
      );
      expect(retried.map((item) => [item.key, item.attempts])).toEqual([["a", 1]]);
      expect(await suite.run((tx) => tx.outbox.countPending())).toBe(1);
    });

    it("a newer message under the same key replaces one not yet delivered; news of the old one's delivery leaves it", async () => {
      await suite.run(put("inv", "inv:1"));
      await suite.run((tx) => tx.outbox.claim({ now: at, until: daysAfter(1), limit: 10 }));
      await suite.run(put("inv", "inv:2"));
      await suite.run((tx) => tx.outbox.delivered("inv", "inv:1"));
      await suite.run((tx) => tx.outbox.failed("inv", "inv:1", daysAfter(5), "late news"));
      const [item] = await suite.run((tx) => tx.outbox.claim({ now: at, until: daysAfter(1), limit: 10 }));
      expect(item).toEqual({
        key: "inv",
        organisationId: acme,
        idempotencyKey: "inv:2",
        message: messageOf("inv", "inv:2"),
        attempts: 0,
      });
    });

    it("a message put in a transaction that rolls back is never handed out", async () => {
      await suite
        .run(async (tx) => {
          await put("gone", "gone:1")(tx);
          throw new Error("rolled back");
        })
        .catch(() => undefined);
      expect(await suite.run((tx) => tx.outbox.countPending())).toBe(0);
      expect(
        await suite.run((tx) => tx.outbox.claim({ now: daysAfter(1), until: daysAfter(2), limit: 10 })),
      ).toEqual([]);
    });
  });

  describe("locking reads", () => {
    it("read the same records as plain reads", async () => {
      const { sato, lee } = await suite.run(seedPeople);
      await suite.run((tx) => tx.contacts.insert(aLinkedContact("con_1", sato, lee)));
      await suite.run(async (tx) => {
        expect(await tx.contacts.get(asContactId("con_1"), { lock: true })).toEqual(
          await tx.contacts.get(asContactId("con_1")),
        );
        expect(await tx.members.get(sato.id, { lock: true })).toEqual(sato);
        expect(await tx.organisations.get(acme, { lock: true })).toEqual(await tx.organisations.get(acme));
        expect(await tx.members.get(aMember("mem_none", acme).id, { lock: true })).toBeNull();
      });
    });
  });
}
