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
  it("R32: each name holds its own ordered keys; a set that empties is dropped", () => {
    const index = new SortedIndex();
    expect(index.get("mem_1")).toBeUndefined();
    index.add("mem_1", "b");
    index.add("mem_1", "a");
    index.add("mem_2", "c");
    expect([...(index.get("mem_1")?.from(null) ?? [])]).toEqual(["a", "b"]);
    expect([...(index.get("mem_2")?.from(null) ?? [])]).toEqual(["c"]);
    index.delete("mem_2", "c");
    expect(index.get("mem_2")).toBeUndefined();
    index.delete("mem_2", "c");
    index.delete("nobody", "x");
    expect(index.get("nobody")).toBeUndefined();
    index.delete("mem_1", "a");
    expect([...(index.get("mem_1")?.from(null) ?? [])]).toEqual(["b"]);
  });

  it("R26, R32: any run of adds and deletes under several names agrees with a map of sorted arrays", () => {
    const aName = fc.constantFrom("mem_1", "mem_2", "mem_3", "mem_4");
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
            if (op === "add") {
              index.add(name, key);
              model.set(name, (model.get(name) ?? new Set()).add(key));
            } else {
              index.delete(name, key);
              model.get(name)?.delete(key);
              if (model.get(name)?.size === 0) model.delete(name);
            }
          }
          for (const name of ["mem_1", "mem_2", "mem_3", "mem_4"]) {
            const expected = model.get(name);
            const actual = index.get(name);
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
