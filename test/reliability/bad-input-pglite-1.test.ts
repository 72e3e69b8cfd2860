import { pgliteStoreUnderTest } from "../support/faulty-store.js";
import { proveBadInput } from "./bad-input-cases.js";

// Half of PGlite's bad-input cases (bad-input-cases.ts): the two halves run side by side.
proveBadInput(pgliteStoreUnderTest, 1);
