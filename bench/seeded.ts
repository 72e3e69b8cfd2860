// What the bench worlds share and the tests' company worlds use too: a fixed time and seeded
// randomness. It imports nothing, so a test can load it before partnerbook is built.

/** When the fixture organisations and members were created; the benchmark clock runs a day later. */
export const fixtureTime = new Date("2026-04-01T00:00:00Z");

/** mulberry32: a small, fast, seeded PRNG, so every run builds the same world. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The element at `index`, or an error: lists here are never sparse. */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no element ${index} of ${list.length}`);
  return value;
}
