import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textProblem } from "../../src/domain/text.js";
import { invitationTokenFrom, type Partnerbook, PartnerbookError } from "../../src/index.js";
import type { StoreUnderTest } from "../support/faulty-store.js";
import { contactEntryPoints } from "./bad-input-cases-contacts.js";
import { invitationEntryPoints } from "./bad-input-cases-invitations.js";
import { memberEntryPoints } from "./bad-input-cases-members.js";
import { aScene, type EntryPoint, type Position, type Scene } from "./bad-input-world.js";

const trimmedLength = (value: unknown, max: number) =>
  typeof value === "string" &&
  value.trim().length >= 1 &&
  value.trim().length <= max &&
  textProblem(value.trim(), "line") === null;

/**
 * How the entry point must answer `value` at `position`, where `valid` is the value that goes
 * through: "any" for a real request (including one that names the same thing as `valid`, such
 * as the id padded with spaces), else the one code it must be refused with.
 */
function expectedAnswer(
  position: Position,
  value: unknown,
  valid: unknown,
): "any" | "NOT_FOUND" | "UNKNOWN_ACTOR" | "VALIDATION" {
  switch (position.kind) {
    case "id":
    case "actor":
    case "qrToken": {
      const max = position.kind === "qrToken" ? 200 : 100;
      if (!trimmedLength(value, max)) return "VALIDATION";
      if ((value as string).trim() === valid) return "any";
      return position.kind === "actor" ? "UNKNOWN_ACTOR" : "NOT_FOUND";
    }
    case "invitation": {
      if (typeof value !== "string" || value.length > 2000) return "VALIDATION";
      const token = invitationTokenFrom(value);
      if (token === null) return "VALIDATION";
      return token === invitationTokenFrom(valid as string) ? "any" : "NOT_FOUND";
    }
    case "input":
      return position.shape.safeParse(value).success ? "any" : "VALIDATION";
  }
}

// One table, in this order: each argument case's seed, and the half of PGlite's cases it runs
// in, follow from its place in the table.
const entryPoints: readonly EntryPoint[] = [
  ...memberEntryPoints,
  ...contactEntryPoints,
  ...invitationEntryPoints,
];

/**
 * `events.subscribe` is the one entry point left out: it is synchronous and takes a function,
 * not data.
 */
const notProbed = ["events.subscribe"];

function entry(book: Partnerbook, point: EntryPoint): (...args: unknown[]) => unknown {
  const area = book[point.area] as unknown as Record<string, (...args: unknown[]) => unknown>;
  const method = area[point.method];
  if (method === undefined) throw new Error(`no ${point.area}.${point.method}`);
  return method;
}

const huge = "a".repeat(1_000_000);
const hugeWide = "あ".repeat(1_000_000);
const hugeBlank = " ".repeat(1_000_000);
/** An object with an own `__proto__` key, as a JSON body can carry one. */
const pollution = () => JSON.parse('{"__proto__": {"polluted": true}}') as object;
const constructorPollution = () => ({ constructor: { prototype: { polluted: true } } });

/** Values any position may be handed, whatever it takes. */
const hostile = (): unknown[] => [
  undefined,
  null,
  Number.NaN,
  -1,
  -0,
  0,
  1.5,
  2 ** 53,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  10n,
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "\u0000\u0001\u001f\u007f\u0085",
  "\u202e\u200b\ufeff",
  "\ud800",
  huge,
  hugeWide,
  hugeBlank,
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  [],
  [null],
  [undefined],
  [huge],
  new Array(3),
  {},
  Object.create(null),
  pollution(),
  constructorPollution(),
  { toString: "x", valueOf: 1 },
  new Date(Number.NaN),
  new Date(0),
  new Map([["a", 1]]),
  new Set([1]),
  new Uint8Array(4),
  () => "mem_1",
  new String("mem_1"),
];

/** Garbage put at one place inside an otherwise valid value. */
const garbage = (): unknown[] => [
  undefined,
  null,
  Number.NaN,
  -1,
  "",
  "\u0000",
  huge,
  [],
  {},
  pollution(),
  constructorPollution(),
  10n,
];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Near misses of a valid value: each inner value replaced by garbage (two levels down), extra keys. */
function nearMisses(valid: unknown, depth = 2): unknown[] {
  if (typeof valid === "string") {
    return [
      `${valid}\u0000`,
      ` ${valid}\u0000 `,
      valid.padEnd(1_000_000, "x"),
      [valid],
      { id: valid },
      new String(valid),
    ];
  }
  if (Array.isArray(valid)) {
    const misses: unknown[] = [
      [...valid, null],
      [...valid, pollution()],
      new Array(100_001).fill(valid[0] ?? "x"),
    ];
    if (depth > 0) {
      valid.forEach((item, index) => {
        for (const miss of [...garbage(), ...nearMisses(item, depth - 1)]) {
          misses.push(valid.map((other, i) => (i === index ? miss : other)));
        }
      });
    }
    return misses;
  }
  if (isPlainObject(valid)) {
    const misses: unknown[] = [
      { ...valid, ...pollution() },
      { ...valid, ...constructorPollution() },
      { ...valid, unexpected: 1 },
      Object.assign(Object.create(null), valid),
      [valid],
    ];
    if (depth > 0) {
      for (const key of Object.keys(valid)) {
        for (const miss of [...garbage(), ...nearMisses(valid[key], depth - 1)]) {
          misses.push({ ...valid, [key]: miss });
        }
      }
    }
    return misses;
  }
  return [];
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** A short, readable form of a value for a failure message (values can be a million characters). */
function describeValue(value: unknown): string {
  if (typeof value === "string" && value.length > 200) {
    return `${fc.stringify(value.slice(0, 200))}… (${value.length} characters)`;
  }
  if (Array.isArray(value) && value.length > 20) return `[${value.length} items]`;
  const text = fc.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Calls the entry point with `value` at `index` and checks the answer: a promise, rejected only
 * with a PartnerbookError of the expected code and with the store unchanged, fulfilled only for
 * a real request — and no prototype polluted either way.
 */
async function probe(scene: Scene, point: EntryPoint, index: number, value: unknown): Promise<void> {
  const valid = point.args(scene);
  const args = [...valid];
  args[index] = value;
  const expected = expectedAnswer(point.positions[index] as Position, value, valid[index]);
  const where = () => `${point.area}.${point.method} argument ${index + 1} = ${describeValue(value)}`;
  const sent = scene.sent();

  let answer: unknown;
  try {
    answer = entry(scene.book, point).apply(scene.book[point.area], args);
  } catch (error) {
    expect.fail(`${where()}: threw synchronously: ${inspect(error)}`);
  }
  // contacts.export answers with an async iterable: what it answers is what reading it all does.
  if (isAsyncIterable(answer)) answer = drain(answer);
  if (!(answer instanceof Promise)) expect.fail(`${where()}: did not answer with a promise`);
  const error = await answer.then(
    () => null,
    (rejection: unknown) => rejection ?? new Error("rejected with nothing"),
  );

  if (({} as Record<string, unknown>).polluted !== undefined)
    expect.fail(`${where()}: polluted Object.prototype`);
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(objectPrototypeKeys);
  if (error === null) {
    if (expected !== "any") expect.fail(`${where()}: was carried out; expected ${expected}`);
    scene.known.holds = await scene.snapshot();
    return;
  }
  if (!(error instanceof PartnerbookError)) expect.fail(`${where()}: rejected with ${inspect(error)}`);
  if (expected !== "any" && error.code !== expected) {
    expect.fail(`${where()}: refused with ${error.code} (${error.message}); expected ${expected}`);
  }
  // No statement reached the database: nothing there can have changed. Most refusals are
  // decided before any read, and on PGlite the snapshot is most of a probe's cost.
  if (sent !== null && scene.sent() === sent) return;
  const after = await scene.snapshot();
  const before = scene.known.holds;
  if (!isDeepStrictEqual(after, before)) expect(after, `${where()}: changed the store`).toEqual(before);
}

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype);

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value && !(value instanceof Promise);

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The suite for one store. `part` 1 or 2 takes every other argument case (the table checks go
 * with part 1): PGlite's cases are slow enough that its two halves run as two test files, side by
 * side. Each case keeps the seed of its place in the whole table.
 */
export function proveBadInput(adapter: StoreUnderTest, part: "all" | 1 | 2 = "all"): void {
  // describe.each for the name it gives, the same as when every store ran in one file.
  describe.each([adapter])("$name store", () => {
    describe("Every public entry point answers arbitrary values only with VALIDATION (or NOT_FOUND for a well-formed unknown id), never a TypeError or crash, and the store is unchanged", () => {
      if (part !== 2) {
        it("the table names every method of every area, and every argument of each", async () => {
          const scene = await aScene(adapter);
          const { book } = scene;
          const methods = Object.entries(book).flatMap(([area, methods]) =>
            Object.keys(methods).map((method) => `${area}.${method}`),
          );
          const probed = entryPoints.map((point) => `${point.area}.${point.method}`);
          expect([...probed, ...notProbed].sort()).toEqual(methods.sort());
          for (const point of entryPoints) {
            expect(point.positions).toHaveLength(point.args(scene).length);
            // A parameter with a default does not count in `length`; none is left unprobed either way.
            expect(point.positions.length).toBeGreaterThanOrEqual(entry(book, point).length);
          }
        });

        it.each(entryPoints.map((point) => ({ point, name: `${point.area}.${point.method}` })))(
          "with valid arguments, $name goes through",
          async ({ point }) => {
            const scene = await aScene(adapter);
            await entry(scene.book, point).apply(scene.book[point.area], point.args(scene));
          },
        );
      }

      const cases = entryPoints.flatMap((point) =>
        point.positions.map((_position, index) => ({
          point,
          index,
          name: `${point.area}.${point.method}, argument ${index + 1}`,
        })),
      );
      const ours = part === "all" ? cases : cases.filter((_case, index) => index % 2 === part - 1);
      it.each(ours)("$name: hostile values, near misses and fc.anything()", async ({ point, index }) => {
        const scene = await aScene(adapter);
        const valid = point.args(scene)[index];
        for (const value of [...hostile(), ...nearMisses(valid)]) await probe(scene, point, index, value);
        await fc.assert(
          fc.asyncProperty(anything, (value) => probe(scene, point, index, value)),
          // Seeded per case, so a failure found in CI is found again on every machine.
          { numRuns: 60, seed: 0x5eed + cases.findIndex((c) => c.point === point && c.index === index) },
        );
      });
    });
  });
}
