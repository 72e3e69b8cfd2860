// `npm run example:browser`: bundles the browser example and serves it until Ctrl-C. The port
// stays the same from run to run (PORT to change it), because IndexedDB belongs to an origin: on
// another port the PGlite book would start empty.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleBrowserExample } from "./bundle.js";
import { serveStatic } from "./static-server.js";

const outdir = await mkdtemp(join(tmpdir(), "partnerbook-browser-"));
await bundleBrowserExample(outdir);
const server = await serveStatic(outdir, Number(process.env.PORT ?? 5178));
const { url } = server;
async function stop(): Promise<void> {
  await server.close();
  await rm(outdir, { recursive: true, force: true });
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
console.log(`partnerbook in the browser (bundled into ${outdir}):`);
console.log(`  in memory:           ${url}?store=memory`);
console.log(`  PGlite on IndexedDB: ${url}?store=pglite`);
console.log("Ctrl-C stops the server.");
