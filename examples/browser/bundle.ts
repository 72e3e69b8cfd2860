// Builds the browser example into one folder: index.html, app.js (the page, with PGlite),
// edge-worker.js (the core and memory store for `platform: "neutral"`) and PGlite's WebAssembly
// and data files, which PGlite fetches relative to the module that loads it (import.meta.url).
import { copyFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// From the sources, so the example needs no build of the package.
const partnerbookFromSource = {
  partnerbook: here("../../src/index.ts"),
  "partnerbook/memory": here("../../src/memory.ts"),
  "partnerbook/postgres": here("../../src/postgres.ts"),
};

const pgliteAssets = ["pglite.wasm", "initdb.wasm", "pglite.data"].map((file) =>
  createRequire(import.meta.url).resolve(`@electric-sql/pglite/${file}`),
);

/**
 * PGlite's Node-only branches import `node:` modules behind a runtime check; they stay out of
 * the bundle. Any other `node:` import (one of partnerbook's, say) is left to fail the build.
 */
const pgliteNodeBranches: Plugin = {
  name: "pglite-node-branches",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      /[\\/]@electric-sql[\\/]pglite[\\/]/.test(args.importer)
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/** Writes the example to `outdir`, ready to be served as static files. */
export async function bundleBrowserExample(outdir: string): Promise<void> {
  await mkdir(outdir, { recursive: true });
  const shared = {
    bundle: true,
    format: "esm",
    target: "es2022",
    outdir,
    alias: partnerbookFromSource,
    logLevel: "warning",
  } as const;
  await Promise.all([
    build({
      ...shared,
      entryPoints: { app: here("page/app.ts") },
      platform: "browser",
      plugins: [pgliteNodeBranches],
    }),
    // What an edge runtime gets: no Node built-ins and no `browser` fields to fall back on, only
    // the export conditions such runtimes' bundlers ask for (Cloudflare's: workerd, worker,
    // browser) — nanoid's `browser` entry draws from Web Crypto.
    build({
      ...shared,
      entryPoints: { "edge-worker": here("page/edge-worker.ts") },
      platform: "neutral",
      conditions: ["worker", "browser"],
    }),
    copyFile(here("index.html"), join(outdir, "index.html")),
    ...pgliteAssets.map((asset) => copyFile(asset, join(outdir, basename(asset)))),
  ]);
}
