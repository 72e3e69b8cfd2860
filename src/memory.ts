export { type OutboxMailer, outboxMailer } from "./adapters/memory/outbox-mailer.js";
export {
  MemoryStore,
  type MemoryStoreSnapshot,
  memoryStore,
  type OutboxEntry,
} from "./adapters/memory/store.js";
