/**
 * The in-memory store and an outbox mailer: for tests, demos and single-process tools.
 *
 * @module partnerbook/memory
 */
export type { OutboxEntry } from "./adapters/memory/outbox.js";
export { type OutboxMailer, outboxMailer } from "./adapters/memory/outbox-mailer.js";
export type { MemoryStoreSnapshot } from "./adapters/memory/snapshot.js";
export { MemoryStore, memoryStore } from "./adapters/memory/store.js";
