export { MemoryStore, type MemoryStoreSnapshot, memoryStore } from "./adapters/memory/store.js";
