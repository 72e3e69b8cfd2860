import { memoryStore } from "../../src/memory.js";
import { runAdapterConformance } from "../../src/testing.js";

runAdapterConformance("memory store", memoryStore);
