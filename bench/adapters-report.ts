// What an adapters run returns, its ratios, and its tables.
import {
  type AdapterName,
  type AdapterRow,
  flatOperations,
  purgeOperation,
  sizes,
} from "./adapters-operations.js";
import type { PlanRow } from "./adapters-pglite.js";
import { ratio, sig } from "./harness.js";

/** How the world of one size was built on one adapter. */
export interface FillRow {
  readonly adapter: AdapterName;
  readonly size: number;
  /** Organisations, members and contacts written (fixture build, bulk inserts on PGlite). */
  readonly records: number;
  /** Wall time of building the world (generating the records and writing them), start excluded. */
  readonly fillSeconds: number;
  /** PGlite only: starting it and running the migrations. */
  readonly startSeconds: number | null;
  /** PGlite only: VACUUM ANALYZE after the fill. */
  readonly analyzeSeconds: number | null;
  /** PGlite only: the database's size on disk after the fill. */
  readonly databaseMB: number | null;
}

export interface AdaptersResult {
  readonly rows: readonly AdapterRow[];
  readonly fills: readonly FillRow[];
  /** PGlite: the plan of the slowest statement of each listing (and of contacts.get, for contrast). */
  readonly plans: readonly PlanRow[];
  readonly ratios: Record<string, unknown>;
}

export function summarise(rows: readonly AdapterRow[]): Record<string, unknown> {
  const find = (adapter: AdapterName, operation: string, size: number) =>
    rows.find((row) => row.adapter === adapter && row.operation === operation && row.size === size);
  const operations = [...new Set(rows.map((row) => row.operation))];
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  const vsMemory: Record<string, unknown> = {};
  const growth: Record<string, unknown> = {};
  for (const operation of operations) {
    vsMemory[operation] = Object.fromEntries(
      sizes.map((size) => [
        `N=${size}`,
        {
          cpu: ratio(
            find("pglite", operation, size)?.cpuMedianUs,
            find("memory", operation, size)?.cpuMedianUs,
          ),
          wall: ratio(
            find("pglite", operation, size)?.wallMedianUs,
            find("memory", operation, size)?.wallMedianUs,
          ),
        },
      ]),
    );
    const grow = (adapter: AdapterName) => ({
      cpu: ratio(find(adapter, operation, large)?.cpuMedianUs, find(adapter, operation, small)?.cpuMedianUs),
      wall: ratio(
        find(adapter, operation, large)?.wallMedianUs,
        find(adapter, operation, small)?.wallMedianUs,
      ),
    });
    growth[operation] = {
      pglite: grow("pglite"),
      memory: grow("memory"),
      target: (flatOperations as readonly string[]).includes(operation)
        ? "≤ 1.5"
        : operation === purgeOperation
          ? `≈ ${large / small} (what is due grows ${large / small}×)`
          : "none: at 1k the page is the book's ~5 matches, at 100k it stops at 50 (~5,000 read)",
    };
  }
  return { "PGlite ÷ memory": vsMemory, [`cost(${large}) / cost(${small})`]: growth };
}

export function printTables(result: AdaptersResult): void {
  console.table(result.fills);
  const operations = [...new Set(result.rows.map((row) => row.operation))];
  const columns = (["memory", "pglite"] as const).flatMap((adapter) =>
    sizes.map((size) => ({ adapter, size })),
  );
  const pivot = (key: "cpuMedianUs" | "wallMedianUs") =>
    Object.fromEntries(
      operations.map((operation) => [
        operation,
        Object.fromEntries(
          columns.map(({ adapter, size }) => {
            const row = result.rows.find(
              (r) => r.adapter === adapter && r.operation === operation && r.size === size,
            );
            return [`${adapter} ${size / 1000}k`, row === undefined ? "—" : sig(row[key])];
          }),
        ),
      ]),
    );
  console.log("  CPU µs per call (median):");
  console.table(pivot("cpuMedianUs"));
  console.log("  wall µs per call (median):");
  console.table(pivot("wallMedianUs"));
  const vsMemory = result.ratios["PGlite ÷ memory"] as Record<
    string,
    Record<string, { cpu: number; wall: number }>
  >;
  const growth = result.ratios[`cost(${Math.max(...sizes)}) / cost(${Math.min(...sizes)})`] as Record<
    string,
    { pglite: { cpu: number; wall: number }; memory: { cpu: number; wall: number }; target: string }
  >;
  console.log("  ratios (CPU; wall in brackets):");
  console.table(
    Object.fromEntries(
      operations.map((operation) => {
        const a = vsMemory[operation] ?? {};
        const g = growth[operation];
        return [
          operation,
          {
            "PGlite÷memory 1k": `${a["N=1000"]?.cpu} (${a["N=1000"]?.wall})`,
            "PGlite÷memory 100k": `${a["N=100000"]?.cpu} (${a["N=100000"]?.wall})`,
            "PGlite 100k/1k": `${g?.pglite.cpu} (${g?.pglite.wall})`,
            "memory 100k/1k": `${g?.memory.cpu} (${g?.memory.wall})`,
            target: g?.target,
          },
        ];
      }),
    ),
  );
}
