import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedIndex, SortedKeys } from "../../src/adapters/memory/sorted-keys.js";

// The memory store keeps the address book (R26), each owner's trash (R32) and the due list of
// purgeExpired (R33) in SortedKeys; a lost or misordered key there is a contact that vanishes
// from a page, or a trashed contact that is never purged. The model: a plain sorted array.

/** Keys ordered as the store compares them: by UTF-16 code units. */
const sorted = (keys: Iterable<string>) => [...keys].sort();

/** Keys from a space small enough that adds collide and deletes hit, large enough to split chunks. */
const aKey = fc.integer({ min: 0, max: 5_999 }).map((n) => `k${String(n).padStart(4, "0")}`);

/** A probe for from() and upTo(): a key that may or may not be stored, or lies beyond every key. */
const aProbe = fc.oneof(aKey, fc.constantFrom("", "k", "k0000", "k5999", "k9", "z", "\uffff"));

type Step = { readonly op: "add" | "delete"; readonly key: string };

/**
 * Thousands of steps in three phases: adds (chunks split), a mix, then deletes of a random share
 * of the keys and of a whole range of them (chunks empty and disappear).
 */
const aRun = fc
  .tuple(
    fc.array(aKey, { minLength: 1_000, maxLength: 3_000 }),
    fc.array(fc.record({ op: fc.constantFrom<Step["op"]>("add", "delete"), key: aKey }), {
      maxLength: 1_000,
    }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.tuple(aKey, aKey),
  )
  .map(([adds, mixed, share, [from, to]]): Step[] => {
    const unique = [...new Set(adds)];
    const inRange = (key: string) => (from <= to ? from <= key && key <= to : to <= key && key <= from);
    const deletes = unique
      .filter((key, i) => i < unique.length * share || inRange(key))
      .map((key) => ({ op: "delete", key }));
    return [...adds.map((key) => ({ op: "add" as const, key })), ...mixed, ...(deletes as Step[])];
  });

function applyTo(keys: SortedKeys, model: Set<string>, step: Step): void {
  if (step.op === "add") {
    keys.add(step.key);
    model.add(step.key);
  } else {
    keys.delete(step.key);
    model.delete(step.key);
  }
}

function expectSame(keys: SortedKeys, model: Set<string>, probes: readonly string[]): void {
  const expected = sorted(model);
  expect(keys.size).toBe(expected.length);
  expect([...keys.from(null)]).toEqual(expected);
  for (const probe of probes) {
    expect(keys.has(probe)).toBe(model.has(probe));
    expect([...keys.from(probe)]).toEqual(expected.filter((key) => key > probe));
    expect([...keys.upTo(probe)]).toEqual(expected.filter((key) => key <= probe));
  }
}

describe("SortedKeys", () => {
  it("R33: an empty set has nothing, from any key", () => {
    const keys = new SortedKeys();
    expect(keys.size).toBe(0);
    expect(keys.has("a")).toBe(false);
    expect([...keys.from(null)]).toEqual([]);
    expect([...keys.from("a")]).toEqual([]);
    expect([...keys.upTo("\uffff")]).toEqual([]);
    keys.delete("a");
    expect(keys.size).toBe(0);
  });

  it("R32: adding a key twice keeps it once; deleting an absent key changes nothing", () => {
    const keys = new SortedKeys();
    keys.add("b");
    keys.add("a");
    keys.add("b");
    keys.delete("c");
    expect(keys.size).toBe(2);
    expect([...keys.from(null)]).toEqual(["a", "b"]);
  });

  it("R26: ascending, descending and interleaved inserts of 5,000 keys come out in order; deleting all empties the set", () => {
    const all = Array.from({ length: 5_000 }, (_, i) => `k${String(i).padStart(4, "0")}`);
    const orders = [all, [...all].reverse(), all.map((_, i) => all[(i * 2_003) % all.length] as string)];
    for (const order of orders) {
      const keys = new SortedKeys();
      for (const key of order) keys.add(key);
      expect(keys.size).toBe(all.length);
      expect([...keys.from(null)]).toEqual(all);
      expect([...keys.from("k2499")]).toEqual(all.slice(2_500));
      expect([...keys.upTo("k0511")]).toEqual(all.slice(0, 512));
      for (const key of order) keys.delete(key);
      expect(keys.size).toBe(0);
      expect([...keys.from(null)]).toEqual([]);
      expect(keys.has("k0000")).toBe(false);
      keys.add("again");
      expect([...keys.from(null)]).toEqual(["again"]);
    }
  });

  it("R26: deleting a whole middle run of keys (emptying chunks) keeps both sides reachable", () => {
    const all = Array.from({ length: 4_000 }, (_, i) => `k${String(i).padStart(4, "0")}`);
    const keys = new SortedKeys();
    for (const key of all) keys.add(key);
    for (const key of all.slice(500, 3_500)) keys.delete(key);
    const left = [...all.slice(0, 500), ...all.slice(3_500)];
    expect(keys.size).toBe(1_000);
    expect([...keys.from(null)]).toEqual(left);
    expect([...keys.from("k0499")]).toEqual(all.slice(3_500));
    expect([...keys.from("k1234")]).toEqual(all.slice(3_500));
    expect([...keys.upTo("k3000")]).toEqual(all.slice(0, 500));
    expect(keys.has("k0499")).toBe(true);
    expect(keys.has("k0500")).toBe(false);
    expect(keys.has("k3500")).toBe(true);
  });

  it("R26, R33: any run of adds and deletes agrees with a sorted array on has, size, from and upTo", () => {
    fc.assert(
      fc.property(aRun, fc.array(aProbe, { minLength: 5, maxLength: 15 }), (steps, probes) => {
        const keys = new SortedKeys();
        const model = new Set<string>();
        steps.forEach((step, i) => {
          applyTo(keys, model, step);
          expect(keys.has(step.key)).toBe(step.op === "add");
          expect(keys.size).toBe(model.size);
          if (i % 997 === 0) expectSame(keys, model, probes.slice(0, 3));
        });
        expectSame(keys, model, probes);
      }),
      // Shrinking thousands of steps takes minutes; the first counterexample is clear enough.
      { numRuns: 25, endOnFailure: true },
    );
  });

  it("R26: any strings, unicode included, are ordered by code unit as the store compares them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 6 }), { maxLength: 1_200 }),
        fc.array(fc.string({ unit: "binary", maxLength: 6 }), { maxLength: 600 }),
        fc.array(fc.string({ unit: "binary", maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (added, deleted, probes) => {
          const keys = new SortedKeys();
          const model = new Set<string>();
          for (const key of added) applyTo(keys, model, { op: "add", key });
          for (const key of deleted) applyTo(keys, model, { op: "delete", key });
          expectSame(keys, model, [...probes, ...added.slice(0, 4)]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("SortedIndex", () => {
  it("R32: each kind and id holds its own ordered keys; a set that empties is dropped", () => {
    const index = new SortedIndex();
    expect(index.get("owner", "mem_1")).toBeUndefined();
    index.add("owner", "mem_1", "b");
    index.add("owner", "mem_1", "a");
    index.add("owner", "mem_2", "c");
    index.add("group", "mem_1", "d");
    expect([...(index.get("owner", "mem_1")?.from(null) ?? [])]).toEqual(["a", "b"]);
    expect([...(index.get("owner", "mem_2")?.from(null) ?? [])]).toEqual(["c"]);
    expect([...(index.get("group", "mem_1")?.from(null) ?? [])]).toEqual(["d"]);
    index.delete("owner", "mem_2", "c");
    expect(index.get("owner", "mem_2")).toBeUndefined();
    index.delete("owner", "mem_2", "c");
    index.delete("owner", "nobody", "x");
    index.delete("nothing", "nobody", "x");
    expect(index.get("owner", "nobody")).toBeUndefined();
    index.delete("owner", "mem_1", "a");
    expect([...(index.get("owner", "mem_1")?.from(null) ?? [])]).toEqual(["b"]);
    index.delete("group", "mem_1", "d");
    expect(index.get("group", "mem_1")).toBeUndefined();
  });

  it("R26, R32: any run of adds and deletes under several kinds and ids agrees with a map of sorted arrays", () => {
    const names = ["owner mem_1", "owner mem_2", "group mem_1", "group grp_1"];
    const aName = fc.constantFrom(...names);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ op: fc.constantFrom<Step["op"]>("add", "add", "delete"), name: aName, key: aKey }),
          { minLength: 500, maxLength: 4_000 },
        ),
        (steps) => {
          const index = new SortedIndex();
          const model = new Map<string, Set<string>>();
          for (const { op, name, key } of steps) {
            const [kind, id] = name.split(" ") as [string, string];
            if (op === "add") {
              index.add(kind, id, key);
              model.set(name, (model.get(name) ?? new Set()).add(key));
            } else {
              index.delete(kind, id, key);
              model.get(name)?.delete(key);
              if (model.get(name)?.size === 0) model.delete(name);
            }
          }
          for (const name of names) {
            const [kind, id] = name.split(" ") as [string, string];
            const expected = model.get(name);
            const actual = index.get(kind, id);
            if (expected === undefined) {
              expect(actual).toBeUndefined();
              continue;
            }
            expect(actual?.size).toBe(expected.size);
            expect([...(actual?.from(null) ?? [])]).toEqual(sorted(expected));
          }
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
  });
});

describe("SortedKeys, finding a text", () => {
  // R28: a book query walks a cursor asked to find the folded query; it may pass over chunks
  // whose joined text lacks it, so a chunk's text that is stale after a change (an add, a
  // delete, a value's text changed in place, as a sync does) would hide a contact that matches.
  type Item = { text: string };
  type TextStep =
    | { readonly op: "add"; readonly key: string; readonly text: string }
    | { readonly op: "delete"; readonly pick: number }
    | { readonly op: "retext"; readonly pick: number; readonly text: string; readonly touch: boolean }
    | { readonly op: "find"; readonly after: string | null; readonly text: string };

  // Mostly texts no query matches, so that whole chunks lack the text sought and are passed
  // over — a chunk text left stale by a change then hides a match.
  const aText = fc.oneof(
    { weight: 30, arbitrary: fc.constant("zz") },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "や"), maxLength: 4 }) },
  );
  const anAdd = fc.record({ op: fc.constant("add" as const), key: aKey, text: aText });
  const aChange: fc.Arbitrary<TextStep> = fc.oneof(
    { weight: 1, arbitrary: anAdd },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant("retext" as const),
        pick: fc.nat(),
        // Told for its own key, or counted as a change somewhere (as a sync does).
        touch: fc.boolean(),
        text: fc.string({ unit: fc.constantFrom("a", "b", "や", "z"), maxLength: 4 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant("find" as const),
        after: fc.option(aProbe, { nil: null }),
        text: fc.string({ unit: fc.constantFrom("a", "b", "や"), minLength: 1, maxLength: 2 }),
      }),
    },
  );

  it("R28: a cursor finding a text stops at every value whose text has it, after any run of changes", () => {
    fc.assert(
      fc.property(
        fc.array(anAdd, { minLength: 500, maxLength: 2_000 }),
        fc.array(aChange, { minLength: 100, maxLength: 600 }),
        (adds, changes) => {
          let generation = 0;
          const keys = new SortedKeys<Item>({
            text: (item) => item.text,
            stamp: (item) => item.text,
            generation: () => generation,
          });
          const model = new Map<string, Item>();
          const picked = (pick: number) => sorted(model.keys())[pick % Math.max(model.size, 1)];
          for (const step of [...adds, ...changes]) {
            if (step.op === "add") {
              const item = { text: step.text };
              keys.add(step.key, item);
              model.set(step.key, item);
            } else if (step.op === "delete") {
              const key = picked(step.pick);
              if (key === undefined) continue;
              keys.delete(key);
              model.delete(key);
            } else if (step.op === "retext") {
              const key = picked(step.pick);
              if (key === undefined) continue;
              (model.get(key) as Item).text = step.text;
              if (step.touch) keys.touch(key);
              else generation++;
            } else {
              const found: string[] = [];
              for (
                const cursor = keys.cursor(step.after, step.text);
                cursor.key !== undefined;
                cursor.next()
              ) {
                if (cursor.value.text.includes(step.text)) found.push(cursor.key);
              }
              const expected = sorted(model.keys()).filter(
                (key) =>
                  (step.after === null || key > step.after) &&
                  (model.get(key) as Item).text.includes(step.text),
              );
              expect(found).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 30, endOnFailure: true },
    );
  });

  it("R28: chunks that lack the text are passed over, not visited value by value", () => {
    const keys = new SortedKeys<Item>({
      text: (item) => item.text,
      stamp: (item) => item.text,
      generation: () => 0,
    });
    for (let i = 0; i < 5_000; i++)
      keys.add(`k${String(i).padStart(4, "0")}`, { text: i === 4_321 ? "needle" : "hay" });
    let visited = 0;
    for (const cursor = keys.cursor(null, "needle"); cursor.key !== undefined; cursor.next()) visited++;
    // Only the chunk holding the match is walked: at most one chunk's worth of values.
    expect(visited).toBeGreaterThan(0);
    expect(visited).toBeLessThanOrEqual(512);
    let all = 0;
    for (const cursor = keys.cursor(null); cursor.key !== undefined; cursor.next()) all++;
    expect(all).toBe(5_000);
  });
});
