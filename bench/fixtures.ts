// Worlds for the benchmarks, built fast through the `Store` port (store-filling.ts) from
// typical Japanese records (fixture-records.ts): one member's book of N (book-world.ts), and many
// owners sharing a few popular external members (sync-world.ts).

export { type BookWorld, type BookWorldOptions, buildBookWorld } from "./book-world.js";
export { absentQuery, commonReadingQuery } from "./fixture-names.js";
export { randomPicks } from "./fixture-words.js";
export { at, fixtureTime, prng } from "./seeded.js";
export { benchPartnerbook, type MakeStore } from "./store-filling.js";
export { buildSyncWorld, type SyncWorld } from "./sync-world.js";
