import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    memory: "src/memory.ts",
    qr: "src/qr.ts",
    postgres: "src/postgres.ts",
    testing: "src/testing.ts",
    interop: "src/interop.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // One copy of the core (errors, domain) shared by every entry point, so `instanceof
  // PartnerbookError` holds across `partnerbook`, `partnerbook/memory` and the rest.
  splitting: true,
  // Optional peers: the user's own copies, never bundled.
  external: ["vitest", "pg", "@electric-sql/pglite"],
});
