export { type OutboxMailer, outboxMailer } from "./adapters/memory/outbox-mailer.js";
export { MemoryStore, type MemoryStoreSnapshot, memoryStore } from "./adapters/memory/store.js";
