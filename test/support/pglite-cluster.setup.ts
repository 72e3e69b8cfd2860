import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A file holding a newly initialised PGlite cluster (see test/support/pglite.ts). */
    pgliteCluster: string;
  }
}

/**
 * Runs once per `vitest run`: initialises one PGlite cluster and keeps its data directory in a
 * file. A PGlite made from that file starts in well under a second instead of the four or so
 * that `initdb` takes each time, and a test run starts some twenty of them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), "partnerbook-pglite-"));
  const file = join(folder, "cluster.tar");
  const db = await PGlite.create();
  const dump = await db.dumpDataDir("none");
  await db.close();
  await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
  project.provide("pgliteCluster", file);
  return () => rm(folder, { recursive: true, force: true });
}
