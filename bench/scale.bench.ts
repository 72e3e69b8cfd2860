// How the SQL store's costs grow with the size of a company: worlds A (one member owning every
// contact) and B (1,000 members, a typical one's view) of test/support/company-world.ts at 10k,
// 100k and 1M contacts, each in a fresh database — on the PostgreSQL server when
// PARTNERBOOK_POSTGRES_URL answers, else on PGlite (10k and 100k only, unless
// PARTNERBOOK_BENCH_PGLITE_1M=1). PARTNERBOOK_BENCH_SCALE_SIZES=10000,100000 picks sizes.
//
// Measured, as the median wall time per call (the work is in the server, not in this process):
//   first pages of 50 of the viewer's book through the store port — customers, external, one
//     group — and text searches (none, rare, common, two kanji, two kana);  target 1M÷10k ≤ 1.5
//     for pages and the limit check (countActive), ≤ 3 for text;
//   use-cases through the app beside a hand-written statement with the same effect;  target
//     use-case ÷ hand-written ≤ 1.5; and the statements each use-case sends (adds of external
//     members nobody has added, deleted again afterwards; from 100k on, with the organisation's
//     kept count lowered below R16's limit while they run — see withRoomToAdd);
//   at the largest size, purgeExpired of 1,000 due against a bare DELETE of the same rows
//     (purgeVersusDelete of bench/purge.bench.ts);  target ≤ 5 statements, ≤ 3× the DELETE.
import { postgresStore } from "partnerbook/postgres";
import { companyQueries, type QueryName } from "../test/support/company-names.js";
import { type CompanyWorld, loadCompanyWorld, type WorldName } from "../test/support/company-world.js";
import { countingClient } from "../test/support/counting-client.js";
import { at, benchPartnerbook } from "./fixtures.js";
import { collectGarbage, type Measured, type MeasureOptions, measure, ratio, round } from "./harness.js";
import { type PurgeVersusDelete, purgeVersusDelete } from "./purge.bench.js";
import {
  freshPglite,
  freshServerDatabase,
  type ScaleDatabase,
  type ScaleStore,
  statementTimeoutMs,
  timedOut,
} from "./scale-databases.js";
import { addPair, editPair, getPair, type Pair, withRoomToAdd } from "./scale-use-cases.js";
import { reachable } from "./sql-support.js";

/** One operation in one world of one size. */
export interface ScaleRow extends Measured {
  readonly store: ScaleStore;
  readonly world: WorldName;
  readonly size: number;
  readonly operation: string;
  /** Statements one call sends, BEGIN and COMMIT included (use-cases only). */
  readonly statements: number | null;
  /** The hand-written operation a use-case is compared with. */
  readonly byHand: string | null;
  /** A call ran past the server's statement timeout: the times are that timeout, a lower bound. */
  readonly timedOut: boolean;
}

/** Loading one world: writing it, VACUUM ANALYZE, and what it holds. */
export interface LoadRow {
  readonly store: ScaleStore;
  readonly world: WorldName;
  readonly size: number;
  readonly loadSeconds: number;
  readonly analyzeSeconds: number;
  readonly databaseMB: number;
  readonly visibleToViewer: number;
  readonly ownedByViewer: number;
  /** Contacts the viewer sees that each query matches. */
  readonly visibleMatches: Readonly<Record<QueryName, number>>;
}

export interface PurgeRow extends PurgeVersusDelete {
  readonly store: ScaleStore;
  readonly world: WorldName;
  readonly size: number;
}

export interface Ratio {
  readonly value: number | null;
  readonly target: string;
  readonly ok: boolean;
}

export interface ScaleResult {
  readonly loads: readonly LoadRow[];
  readonly rows: readonly ScaleRow[];
  readonly purges: readonly PurgeRow[];
  readonly ratios: Record<string, Ratio>;
}

const options: MeasureOptions = { budgetMs: 600, maxRunMs: 5_000 };
const pageLimit = 50;
const purgeSamples = 8;
const queryNames = Object.keys(companyQueries) as QueryName[];

const pageOperations = ["page: customers", "page: external", "page: group", "limit check: countActive"];
const textOperations = queryNames.map((name) => `text: ${name} "${companyQueries[name]}"`);

function sizesFor(store: ScaleStore): number[] {
  const asked = process.env.PARTNERBOOK_BENCH_SCALE_SIZES;
  const sizes = asked ? asked.split(",").map((size) => Number(size.trim())) : [10_000, 100_000, 1_000_000];
  if (sizes.some((size) => !Number.isInteger(size) || size < 10_000)) {
    throw new Error(`PARTNERBOOK_BENCH_SCALE_SIZES: whole numbers of 10,000 or more, not ${asked}`);
  }
  const pgliteMillion = process.env.PARTNERBOOK_BENCH_PGLITE_1M === "1";
  return sizes.filter((size) => store === "postgres" || pgliteMillion || size < 1_000_000);
}

const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`);

/** Measures operations of one world and keeps their rows; a call past the timeout is noted. */
function recorder(db: ScaleDatabase, world: CompanyWorld) {
  const size = world.counts.contacts;
  const rows: ScaleRow[] = [];
  const add = async (
    operation: string,
    call: (i: number) => Promise<unknown>,
    extra: MeasureOptions = {},
    useCase: { statements: number | null; byHand: string | null } | null = null,
  ) => {
    const { statements = null, byHand = null } = useCase ?? {};
    const row = { store: db.store, world: world.world, size, operation, statements, byHand };
    try {
      const measured = await measure(`${world.world} ${label(size)} ${operation}`, call, {
        ...options,
        ...extra,
      });
      rows.push({ ...row, ...measured, timedOut: false });
    } catch (error) {
      if (!timedOut(error)) throw error;
      const us = statementTimeoutMs * 1000;
      console.log(`  ${operation}: a call ran past ${statementTimeoutMs / 1000} s`);
      const bound = { batch: 1, samples: 0, wallMedianUs: us, wallMinUs: us, wallRmePercent: 0 };
      rows.push({ ...row, ...bound, cpuMedianUs: 0, timedOut: true });
    }
  };
  return { rows, add };
}

async function measureWorld(db: ScaleDatabase, world: CompanyWorld): Promise<ScaleRow[]> {
  const { viewer } = world;
  const store = postgresStore(db.client);
  const book = benchPartnerbook(store);
  const counting = countingClient(db.client);
  const counted = benchPartnerbook(postgresStore(counting.client));
  const { rows, add } = recorder(db, world);
  const page = (tab: "customers" | "external", group: CompanyWorld["group"] | null, text: string | null) =>
    store.transaction((tx) =>
      tx.contacts.listBook({ viewer, tab, group, text, after: null, limit: pageLimit }),
    );
  /** Statements `call` sends; null if one ran out its time (the measure that follows says so). */
  const statementsOf = async (call: () => Promise<unknown>): Promise<number | null> => {
    counting.statements.length = 0;
    try {
      await call();
    } catch (error) {
      if (timedOut(error)) return null;
      throw error;
    }
    return counting.statements.length;
  };

  await add("page: customers", () => page("customers", null, null));
  await add("page: external", () => page("external", null, null));
  await add("page: group", () => page("customers", world.group, null));
  for (const [i, name] of queryNames.entries()) {
    await add(at(textOperations, i), () => page("customers", null, world.queries[name]));
  }
  await add("limit check: countActive", () =>
    store.transaction((tx) => tx.contacts.countActive(world.organisationId)),
  );
  const listed = await statementsOf(() => counted.contacts.list(viewer.memberId, { limit: pageLimit }));
  await add(
    "contacts.list (first page, through the app)",
    () => book.contacts.list(viewer.memberId, { limit: pageLimit }),
    {},
    { statements: listed, byHand: null },
  );

  const measurePair = async (pair: Pair) => {
    const statements = await statementsOf(() => pair.countOnce(counted));
    const limits = pair.maxCalls === undefined ? {} : { maxCalls: pair.maxCalls };
    const byHand = `hand-written: ${pair.byHand}`;
    await add(pair.useCase, pair.callUseCase, limits, { statements, byHand });
    await add(byHand, pair.callByHand, limits);
  };
  await measurePair(getPair(book, db.client, world));
  // Writes last, so every read above saw the world as loaded.
  await measurePair(editPair(book, db.client, world));
  const adds = addPair(book, db.client, world);
  await withRoomToAdd(db.client, world.organisationId, () => measurePair(adds));
  await adds.removeAdded();
  return rows;
}

async function runWorld(
  open: () => Promise<ScaleDatabase>,
  name: WorldName,
  size: number,
  purge: boolean,
): Promise<{ load: LoadRow; rows: ScaleRow[]; purge: PurgeRow | null }> {
  collectGarbage();
  const db = await open();
  try {
    console.log(`  ${db.store}: loading world ${name} of ${size.toLocaleString("en")} contacts…`);
    const world = await loadCompanyWorld(db.client, { world: name, contacts: size });
    const load: LoadRow = {
      store: db.store,
      world: name,
      size,
      loadSeconds: round(world.loadSeconds, 1),
      analyzeSeconds: round(world.analyzeSeconds, 1),
      databaseMB: await db.megabytes(),
      visibleToViewer: world.counts.visibleToViewer,
      ownedByViewer: world.counts.ownedByViewer,
      visibleMatches: Object.fromEntries(
        queryNames.map((query) => [query, world.counts.matches[query].visible]),
      ) as Record<QueryName, number>,
    };
    console.log(`  loaded: ${JSON.stringify(load)}; measuring…`);
    const rows = await measureWorld(db, world);
    if (!purge) return { load, rows, purge: null };
    console.log(`  purgeExpired of 1,000 due against a bare DELETE…`);
    const purged = await purgeVersusDelete(db.client, world.viewer, purgeSamples);
    return { load, rows, purge: { store: db.store, world: name, size, ...purged } };
  } finally {
    await db.close();
  }
}

function summarise(rows: readonly ScaleRow[], purges: readonly PurgeRow[]): Record<string, Ratio> {
  const ratios: Record<string, Ratio> = {};
  const put = (name: string, value: number | null, limit: number, target: string) => {
    ratios[name] = { value, target, ok: value !== null && value <= limit };
  };
  const wall = (world: WorldName, size: number, operation: string) =>
    rows.find((row) => row.world === world && row.size === size && row.operation === operation)?.wallMedianUs;
  for (const world of ["A", "B"] as const) {
    const sizes = [...new Set(rows.filter((row) => row.world === world).map((row) => row.size))];
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    if (large > small) {
      const growth = `${label(large)}÷${label(small)}`;
      for (const operation of pageOperations) {
        put(
          `${world} ${operation} ${growth}`,
          ratio(wall(world, large, operation), wall(world, small, operation)),
          1.5,
          "≤ 1.5",
        );
      }
      for (const operation of textOperations) {
        put(
          `${world} ${operation} ${growth}`,
          ratio(wall(world, large, operation), wall(world, small, operation)),
          3,
          "≤ 3",
        );
      }
    }
    for (const size of sizes) {
      for (const row of rows.filter((r) => r.world === world && r.size === size)) {
        if (row.byHand === null) continue;
        put(
          `${world} ${label(size)} ${row.operation} ÷ ${row.byHand}`,
          ratio(row.wallMedianUs, wall(world, size, row.byHand)),
          1.5,
          "≤ 1.5",
        );
      }
    }
  }
  for (const purge of purges) {
    const name = `${purge.world} ${label(purge.size)} purgeExpired (1,000 due)`;
    put(`${name}: statements`, purge.statementsMax, 5, "≤ 5");
    put(`${name} ÷ bare DELETE`, purge.ratio, 3, "≤ 3");
  }
  return ratios;
}

function print(result: ScaleResult): void {
  console.table(result.loads.map(({ visibleMatches, ...load }) => ({ ...load, ...visibleMatches })));
  const columns = [...new Set(result.rows.map((row) => `${row.world} ${label(row.size)}`))];
  const operations = [...new Set(result.rows.map((row) => row.operation))];
  console.log("  wall µs per call (median); [statements a use-case sends]:");
  console.table(
    Object.fromEntries(
      operations.map((operation) => [
        operation,
        Object.fromEntries(
          columns.map((column) => {
            const row = result.rows.find(
              (r) => r.operation === operation && `${r.world} ${label(r.size)}` === column,
            );
            const statements = row?.statements == null ? "" : ` [${row.statements}]`;
            const time = row?.timedOut ? `> ${statementTimeoutMs / 1000} s` : `${row?.wallMedianUs}`;
            return [column, row === undefined ? "—" : `${time}${statements}`];
          }),
        ),
      ]),
    ),
  );
  if (result.purges.length > 0) console.table(result.purges);
  console.log("  ratios:");
  for (const [name, { value, target, ok }] of Object.entries(result.ratios)) {
    console.log(`    ${name} = ${value} (${target} ${ok ? "✓" : "✗"})`);
  }
}

/** Worlds A and B at every size, on the server if one answers, else on PGlite. */
export async function run(): Promise<ScaleResult> {
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  const onServer = url !== undefined && url !== "" && (await reachable(url));
  const store: ScaleStore = onServer ? "postgres" : "pglite";
  const open = onServer ? () => freshServerDatabase(url) : freshPglite;
  if (!onServer) console.log("  no server answers at PARTNERBOOK_POSTGRES_URL: PGlite");
  const sizes = sizesFor(store);
  const loads: LoadRow[] = [];
  const rows: ScaleRow[] = [];
  const purges: PurgeRow[] = [];
  for (const world of ["A", "B"] as const) {
    for (const size of sizes) {
      const measured = await runWorld(open, world, size, size === Math.max(...sizes));
      loads.push(measured.load);
      rows.push(...measured.rows);
      if (measured.purge !== null) purges.push(measured.purge);
    }
  }
  const result = { loads, rows, purges, ratios: summarise(rows, purges) };
  print(result);
  return result;
}
