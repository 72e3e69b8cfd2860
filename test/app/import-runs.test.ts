import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  type ImportRecord,
  isPartnerbookError,
  type MemberId,
  manualClock,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { start, testSecret } from "../support/builders.js";
import { interceptStore } from "../support/faulty-store.js";
import { anImporter, record, yamada } from "./import-world.js";

describe("how an import runs", () => {
  it("reads records one at a time, only once the record before is done and heard", async () => {
    const { world, sato } = await anImporter();
    const log: string[] = [];
    async function* records(): AsyncIterable<ImportRecord> {
      for (let i = 0; i < 3; i++) {
        log.push(`read ${i}`);
        yield record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] });
      }
    }
    const summary = await world.book.contacts.import(sato.id, records(), {
      onRecord: async (result) => {
        await Promise.resolve();
        log.push(`heard ${result.index}`);
      },
      onProgress: (progress) => {
        log.push(`progress ${progress.done}`);
      },
    });
    expect(log).toEqual([
      "read 0",
      "heard 0",
      "progress 1",
      "read 1",
      "heard 1",
      "progress 2",
      "read 2",
      "heard 2",
      "progress 3",
    ]);
    expect(summary).toEqual({ done: 3, added: 3, existing: 0, invalid: 0, refused: 0 });
  });

  it("progress counts each outcome and sums to the records done", async () => {
    const { world, sato, book } = await anImporter();
    await book.contacts.addCustomer(sato.id, yamada);
    const progress: unknown[] = [];
    await world.book.contacts.import(
      sato.id,
      [
        record(yamada),
        record({ familyName: "x" }),
        record({ ...yamada, emails: [], phones: [{ number: "03-0000-0000" }] }),
      ],
      {
        onProgress: (counts) => {
          progress.push(counts);
        },
      },
    );
    expect(progress).toEqual([
      { done: 1, added: 0, existing: 1, invalid: 0, refused: 0 },
      { done: 2, added: 0, existing: 1, invalid: 1, refused: 0 },
      { done: 3, added: 1, existing: 1, invalid: 1, refused: 0 },
    ]);
  });

  it("an unknown actor is UNKNOWN_ACTOR before any record is read", async () => {
    const { world } = await anImporter();
    let read = 0;
    function* records(): Iterable<ImportRecord> {
      read++;
      yield record(yamada);
    }
    await expect(world.book.contacts.import("mem_nobody" as MemberId, records())).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
    expect(read).toBe(0);
  });

  it("records that are not iterable, and options of the wrong shape, are VALIDATION", async () => {
    const { world, sato } = await anImporter();
    const importing = (records: unknown, options?: unknown) =>
      world.book.contacts.import(sato.id, records as ImportRecord[], options as never);
    for (const records of [null, 1, "records", { contact: yamada }]) {
      await expect(importing(records)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    for (const options of [
      1,
      { onExisting: "overwrite" },
      { onRecord: "log" },
      { signal: {} },
      { dry: true },
    ]) {
      await expect(importing([record(yamada)], options)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(world.store.snapshot().contacts).toEqual([]);
  });

  it("an aborted import stops before its next record; the records done stay", async () => {
    const { world, sato, book } = await anImporter();
    const controller = new AbortController();
    const records = [0, 1, 2].map((i) =>
      record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] }),
    );
    const importing = book.contacts.import(sato.id, records, {
      signal: controller.signal,
      onRecord: (result) => {
        if (result.index === 0) controller.abort(new Error("enough"));
      },
    });
    await expect(importing).rejects.toThrow("enough");
    expect(world.store.snapshot().contacts.map((contact) => contact.fields.familyName)).toEqual(["P0"]);
  });

  it("each record is atomic: a store failure in one record's transaction leaves nothing of it, keeps the records before, and stops the import", async () => {
    const store = memoryStore();
    // Armed once the scene is set: the import's first transaction only reads the actor, then each
    // record's transaction appends its events last — the third append is the second record's.
    let appends: number | null = null;
    const failing = interceptStore(store, {
      transaction: (run) => run(),
      call: (label, run) => {
        if (label === "events.appendAll" && appends !== null && ++appends === 3) {
          return Promise.reject(new Error("disk full"));
        }
        return run();
      },
    });
    const book = createPartnerbook({
      store: failing,
      clock: manualClock(start),
      ids: sequentialIds(),
      secret: testSecret,
    });
    const acme = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "admin", displayName: "Admin" },
    });
    const sato = await book.members.create(acme.admin.id, { worksId: "sato", displayName: "佐藤" });
    const records = [0, 1, 2].map((i) =>
      record({ familyName: `P${i}`, emails: [{ address: `p${i}@example.jp` }] }),
    );
    appends = 0;
    await expect(book.contacts.import(sato.id, records)).rejects.toThrow("disk full");
    expect(store.snapshot().contacts.map((contact) => contact.fields.familyName)).toEqual(["P0"]);
    const events = store.snapshot().events.filter((event) => event.type === "contact_added");
    expect(events).toHaveLength(1);
  });

  it("a reader's failure stops the import with its own error; the records before stay", async () => {
    const { world, sato } = await anImporter();
    async function* records(): AsyncIterable<ImportRecord> {
      yield record(yamada);
      throw new Error("the file went away");
    }
    const failure = await world.book.contacts.import(sato.id, records()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isPartnerbookError(failure)).toBe(false);
    expect(world.store.snapshot().contacts).toHaveLength(1);
  });
});
