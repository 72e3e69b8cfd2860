import { pgliteStoreUnderTest, storesUnderTest } from "../support/faulty-store.js";
import { proveBadInput } from "./bad-input-cases.js";

// Bad input on every store; PGlite's cases are in bad-input-pglite-1.test.ts and
// bad-input-pglite-2.test.ts, so that they run side by side.
for (const adapter of storesUnderTest) if (adapter !== pgliteStoreUnderTest) proveBadInput(adapter);
