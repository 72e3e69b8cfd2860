import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";

let cluster: Promise<Blob | null> | undefined;

/**
 * A new, empty PGlite: the same as `PGlite.create()`, made from the cluster the run's global setup
 * initialised once (test/support/pglite-cluster.setup.ts) where there is one.
 */
export async function freshPglite(): Promise<PGlite> {
  cluster ??= (async () => {
    const file = inject("pgliteCluster");
    return file === undefined ? null : new Blob([await readFile(file)]);
  })();
  const dump = await cluster;
  return dump === null ? PGlite.create() : PGlite.create({ loadDataDir: dump });
}
