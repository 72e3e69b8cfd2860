/**
 * The in-memory store and an outbox mailer: for tests, demos and single-process tools.
 *
 * @module partnerbook/memory
 */
export { type OutboxMailer, outboxMailer } from "./adapters/memory/outbox-mailer.js";
export {
  MemoryStore,
  type MemoryStoreSnapshot,
  memoryStore,
  type OutboxEntry,
} from "./adapters/memory/store.js";
