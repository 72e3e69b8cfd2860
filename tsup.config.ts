import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", memory: "src/memory.ts", qr: "src/qr.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // One copy of the core (errors, domain) shared by both entry points, so `instanceof
  // PartnerbookError` holds across `partnerbook` and `partnerbook/memory`.
  splitting: true,
});
