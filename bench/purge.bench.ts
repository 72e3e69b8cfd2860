// R33: `trash.purgeExpired()` should cost what is due, not what is stored. Four cases on the
// memory store: totals of 10,000 and 100,000 contacts with 100 or 1,000 of them due (1% of each
// total, plus the cross cases). Filling the store happens before the bench; before each timed
// iteration, `due` fresh contacts are added, deleted and left 30×24h to expire, so every timed
// call purges exactly `due` contacts out of `total`.
//
// Besides tinybench's wall-clock latency, each iteration records the process's CPU time: on a
// machine whose cores other processes are also using, wall time of the longer runs includes
// time spent waiting for a core; CPU time does not. The ratios are given for both.
// (No forced GC between iterations: it leaves sweeping to do during the next, timed, purge.)
//
// Then the PostgreSQL store, on PGlite and (when PARTNERBOOK_POSTGRES_URL names a server that
// answers) on a real server, in a schema of its own dropped at the end: 1,000 due among 100,000
// contacts (the largest case above), purged with `batchSize: 1000`. Reported: the statements one
// purgeExpired sends (counted through the SQL client, BEGIN and COMMIT included; target ≤ 5) and
// its wall time ÷ a bare `DELETE … WHERE purge_at <= $1` of the same rows (re-inserted between
// the two, not timed), in the same run, alternating sample by sample (target ≤ 3). The book is
// written in bulk with the adapter's row codecs, then VACUUM ANALYZE.
import {
  type ContactId,
  type CustomerContact,
  createPartnerbook,
  type MemberId,
  manualClock,
  type OrganisationId,
  type Partnerbook,
  privateSharing,
  randomIds,
  type TrashState,
} from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { fromPg, fromPglite, migrate, postgresStore, type SqlClient } from "partnerbook/postgres";
import pg from "pg";
import { Bench } from "tinybench";
import { contactCodec } from "../src/adapters/postgres/rows.js";
import { emptyOwnerFields } from "../src/domain/contact.js";
import { countingClient } from "../test/support/counting-client.js";
import { insertRows, reachable } from "./sql-support.js";

const day = 24 * 60 * 60 * 1000;
const owners = 10;
const surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];

/** One row of the table: a case and what one purge of its due contacts cost. */
export interface PurgeRow {
  readonly total: number;
  readonly due: number;
  readonly iterations: number;
  /** Wall clock, as tinybench measures it. */
  readonly wallMedianMs: number;
  readonly wallMinMs: number;
  readonly wallRmePercent: number;
  /** CPU time of the process during the purge (user + system). */
  readonly cpuMedianMs: number;
  readonly cpuUsPerDueContact: number;
  /** Filling the store; not timed. */
  readonly setupSeconds: number;
  /** CPU median ÷ that of the case with the same `due` and a tenth of the total (≈1 expected). */
  readonly vsTenthTotal: number | null;
  /** CPU median ÷ that of the case with the same total and a tenth as many due (≈10 expected). */
  readonly vsTenthDue: number | null;
}

interface World {
  readonly book: Partnerbook;
  readonly advance: (ms: number) => void;
  readonly owners: readonly MemberId[];
  serial: number;
}

async function addCustomer(world: World): Promise<{ owner: MemberId; id: ContactId }> {
  const n = world.serial++;
  const owner = world.owners[n % owners] as MemberId;
  const contact = await world.book.contacts.addCustomer(owner, {
    familyName: surnames[n % surnames.length] as string,
    givenName: `取引先${n}`,
    company: `株式会社テスト${n % 1000}`,
    phones: [{ number: "03-1234-5678" }],
  });
  return { owner, id: contact.id };
}

/** A standard-plan organisation (limit 100,000) holding `live` contacts over ten owners. */
async function fill(live: number): Promise<World> {
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: memoryStore(), clock });
  const { admin } = await book.organisations.create({
    name: "さくら商事株式会社",
    plan: "standard",
    admin: { worksId: "admin@sakura", displayName: "佐藤 花子" },
  });
  const members = [admin.id];
  for (let i = 1; i < owners; i++) {
    const worksId = `member${i}@sakura`;
    members.push((await book.members.create(admin.id, { worksId, displayName: `社員 ${i}` })).id);
  }
  const world: World = { book, advance: (ms) => clock.advance(ms), owners: members, serial: 0 };
  for (let i = 0; i < live; i++) await addCustomer(world);
  return world;
}

/** Adds `due` contacts, deleting each at once (R16 counts live ones only), then lets them expire. */
async function makeDue(world: World, due: number): Promise<void> {
  for (let i = 0; i < due; i++) {
    const { owner, id } = await addCustomer(world);
    await world.book.trash.delete(owner, id);
  }
  world.advance(30 * day);
}

const round = (value: number) => Math.round(value * 100) / 100;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function measure(total: number, due: number, iterations: number): Promise<PurgeRow> {
  const started = performance.now();
  const world = await fill(total - due);
  const setupSeconds = (performance.now() - started) / 1000;
  const cpuMs: number[] = [];
  const bench = new Bench({ time: 0, iterations, warmupTime: 0, warmupIterations: 3, throws: true });
  bench.add(
    `N=${total} due=${due}`,
    async () => {
      const before = process.cpuUsage();
      const purged = await world.book.trash.purgeExpired();
      const spent = process.cpuUsage(before);
      cpuMs.push((spent.user + spent.system) / 1000);
      if (purged !== due) throw new Error(`purged ${purged} contacts, expected ${due}`);
    },
    {
      beforeAll: () => {
        cpuMs.length = 0; // keep the samples of the run phase only, not of the warmup
      },
      beforeEach: () => makeDue(world, due),
    },
  );
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result?.state !== "completed") throw new Error(`N=${total} due=${due}: ${result?.state}`);
  const { latency } = result;
  const cpu = median(cpuMs);
  return {
    total,
    due,
    iterations: latency.samplesCount,
    wallMedianMs: round(latency.p50),
    wallMinMs: round(latency.min),
    wallRmePercent: round(latency.rme),
    cpuMedianMs: round(cpu),
    cpuUsPerDueContact: round((cpu * 1000) / due),
    setupSeconds: round(setupSeconds),
    vsTenthTotal: null,
    vsTenthDue: null,
  };
}

/** Runs the memory cases, then the SQL stores; prints the tables and the ratios that matter. */
export async function run(): Promise<{ memory: PurgeRow[]; sql: SqlPurgeRow[]; skipped: string[] }> {
  return { memory: await runMemory(), ...(await runSql()) };
}

/** The four memory cases, their table and the ratios between them. */
async function runMemory(): Promise<PurgeRow[]> {
  const cases = [
    { total: 10_000, due: 100, iterations: 60 },
    { total: 10_000, due: 1_000, iterations: 30 },
    { total: 100_000, due: 100, iterations: 60 },
    { total: 100_000, due: 1_000, iterations: 30 },
  ];
  const measured: PurgeRow[] = [];
  for (const { total, due, iterations } of cases) {
    console.log(`  measuring N=${total.toLocaleString("en")}, ${due.toLocaleString("en")} due…`);
    measured.push(await measure(total, due, iterations));
  }
  const find = (total: number, due: number) => measured.find((row) => row.total === total && row.due === due);
  const cpuRatio = (a: PurgeRow, b: PurgeRow | undefined) =>
    b === undefined ? null : round(a.cpuMedianMs / b.cpuMedianMs);
  const rows = measured.map((row) => ({
    ...row,
    vsTenthTotal: cpuRatio(row, find(row.total / 10, row.due)),
    vsTenthDue: cpuRatio(row, find(row.total, row.due / 10)),
  }));
  console.table(rows);
  const pairs: [string, PurgeRow | undefined, PurgeRow | undefined, string][] = [
    ["time(N=100k, 1k due) / time(N=10k, 1k due)", find(100_000, 1_000), find(10_000, 1_000), "≈1"],
    ["time(N=100k, 100 due) / time(N=10k, 100 due)", find(100_000, 100), find(10_000, 100), "≈1"],
    ["time(N=100k, 1k due) / time(N=100k, 100 due)", find(100_000, 1_000), find(100_000, 100), "≈10"],
    ["time(N=10k, 1k due) / time(N=10k, 100 due)", find(10_000, 1_000), find(10_000, 100), "≈10"],
    ["time(1% of 100k) / time(1% of 10k)", find(100_000, 1_000), find(10_000, 100), "≈10, as due grows"],
  ];
  for (const [label, a, b, expected] of pairs) {
    const ratio = (key: "cpuMedianMs" | "wallMedianMs") =>
      ((a?.[key] ?? Number.NaN) / (b?.[key] ?? Number.NaN)).toFixed(2);
    console.log(`  ${label} = ${ratio("cpuMedianMs")} CPU, ${ratio("wallMedianMs")} wall (${expected})`);
  }
  return rows;
}

// ── PostgreSQL: statements per purge, and its cost against a bare DELETE ────────────────────

/** purgeExpired of `sqlDue` contacts against a bare DELETE of the same rows, over samples. */
export interface PurgeVersusDelete {
  readonly samples: number;
  /** Statements one purgeExpired sent, BEGIN and COMMIT included: the fewest and most seen. */
  readonly statementsMin: number;
  readonly statementsMax: number;
  /** Wall time, median over the samples: purgeExpired, and the bare DELETE of the same rows. */
  readonly purgeMedianMs: number;
  readonly deleteMedianMs: number;
  /** purge ÷ bare DELETE: of the medians, and the lowest and highest of the samples' own. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
}

/** What one purgeExpired of `due` contacts among `total` cost on one SQL store. */
export interface SqlPurgeRow extends PurgeVersusDelete {
  readonly store: "pglite" | "postgres";
  readonly total: number;
  readonly due: number;
  readonly batchSize: number;
  /** Migrating and writing the book (not timed in the samples). */
  readonly setupSeconds: number;
}

const sqlTotal = 100_000;
const sqlDue = 1_000;
const bulkChunk = 10_000;

function customerRecord(
  ownerId: MemberId,
  organisationId: OrganisationId,
  n: number,
  trash: TrashState | null,
  at: Date,
): CustomerContact {
  return {
    id: randomIds.id("contact") as ContactId,
    kind: "customer",
    ownerId,
    organisationId,
    profile: { nickname: null, company: `株式会社テスト${n % 1000}`, photoUrl: null },
    fields: {
      ...emptyOwnerFields,
      familyName: surnames[n % surnames.length] as string,
      givenName: `取引先${n}`,
      phones: [{ label: null, e164: "+81312345678", raw: "03-1234-5678" }],
    },
    groups: [],
    sharing: privateSharing,
    trash,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Gives `owner` `sqlDue` customer contacts past their retention and purges them, then the same
 * rows again with a bare DELETE, `samples` times (after a warm-up) — which goes first
 * alternates, so neither always meets a warmer cache. The bare DELETE takes every contact due,
 * so the database must hold no other trashed contact; it is left as it was.
 */
export async function purgeVersusDelete(
  client: SqlClient,
  owner: { readonly memberId: MemberId; readonly organisationId: OrganisationId },
  samples: number,
): Promise<PurgeVersusDelete> {
  const counting = countingClient(client);
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: postgresStore(counting.client), clock });
  const now = clock.now();
  const expired: TrashState = {
    trashedAt: new Date(now.getTime() - 31 * day),
    purgeAt: new Date(now.getTime() - day),
  };
  let serial = 0;
  const purgeMs: number[] = [];
  const deleteMs: number[] = [];
  const sent: number[] = [];
  const timePurge = async () => {
    counting.statements.length = 0;
    const before = performance.now();
    const purged = await book.trash.purgeExpired({ batchSize: sqlDue });
    const ms = performance.now() - before;
    if (purged !== sqlDue) throw new Error(`purged ${purged}, expected ${sqlDue}`);
    sent.push(counting.statements.length);
    return ms;
  };
  const timeDelete = async () => {
    const before = performance.now();
    await client.query("delete from partnerbook_contacts where purge_at <= $1", [now]);
    return performance.now() - before;
  };
  for (let sample = -1; sample < samples; sample++) {
    const due = Array.from({ length: sqlDue }, () =>
      customerRecord(owner.memberId, owner.organisationId, serial++, expired, now),
    );
    const insertDue = () => client.transaction((sql) => insertRows(sql, contactCodec, due));
    await insertDue();
    const first = sample % 2 === 0 ? await timePurge() : await timeDelete();
    await insertDue();
    const second = sample % 2 === 0 ? await timeDelete() : await timePurge();
    if (sample < 0) continue; // a warm-up
    purgeMs.push(sample % 2 === 0 ? first : second);
    deleteMs.push(sample % 2 === 0 ? second : first);
  }
  const ratios = purgeMs.map((ms, i) => ms / (deleteMs[i] as number));
  return {
    samples,
    statementsMin: Math.min(...sent),
    statementsMax: Math.max(...sent),
    purgeMedianMs: round(median(purgeMs)),
    deleteMedianMs: round(median(deleteMs)),
    ratio: round(median(purgeMs) / median(deleteMs)),
    ratioMin: round(Math.min(...ratios)),
    ratioMax: round(Math.max(...ratios)),
  };
}

async function measureSql(
  store: SqlPurgeRow["store"],
  client: SqlClient,
  samples: number,
): Promise<SqlPurgeRow> {
  const started = performance.now();
  await migrate(client);
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: postgresStore(client), clock });
  const { organisation, admin } = await book.organisations.create({
    name: "さくら商事株式会社",
    plan: "standard",
    admin: { worksId: "admin@sakura", displayName: "佐藤 花子" },
  });
  const now = clock.now();
  const live = sqlTotal - sqlDue;
  for (let from = 0; from < live; from += bulkChunk) {
    const chunk = Array.from({ length: Math.min(bulkChunk, live - from) }, (_, i) =>
      customerRecord(admin.id, organisation.id, from + i, null, now),
    );
    await client.transaction((sql) => insertRows(sql, contactCodec, chunk));
  }
  await client.query("vacuum analyze");
  const setupSeconds = (performance.now() - started) / 1000;

  const measured = await purgeVersusDelete(
    client,
    { memberId: admin.id, organisationId: organisation.id },
    samples,
  );
  const { rows } = await client.query("select count(*)::integer as left from partnerbook_contacts");
  if (rows[0]?.left !== live) throw new Error(`${store}: ${String(rows[0]?.left)} contacts left`);
  return {
    store,
    total: sqlTotal,
    due: sqlDue,
    batchSize: sqlDue,
    ...measured,
    setupSeconds: round(setupSeconds),
  };
}

async function onPglite(): Promise<SqlPurgeRow> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  try {
    return await measureSql("pglite", fromPglite(db), 10);
  } finally {
    await db.close();
  }
}

async function onPostgres(url: string): Promise<SqlPurgeRow> {
  const schema = `partnerbook_bench_purge_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  // One connection: the purge and the bare DELETE take the same path to the server.
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  await admin.query(`create schema ${schema}`);
  try {
    return await measureSql("postgres", fromPg(pool), 20);
  } finally {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

async function runSql(): Promise<{ sql: SqlPurgeRow[]; skipped: string[] }> {
  const sql: SqlPurgeRow[] = [];
  const skipped: string[] = [];
  console.log(`  PGlite: ${sqlDue.toLocaleString("en")} due among ${sqlTotal.toLocaleString("en")}…`);
  sql.push(await onPglite());
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") skipped.push("postgres: PARTNERBOOK_POSTGRES_URL is not set");
  else if (!(await reachable(url))) skipped.push("postgres: no server answers at PARTNERBOOK_POSTGRES_URL");
  else {
    console.log(
      `  PostgreSQL server: ${sqlDue.toLocaleString("en")} due among ${sqlTotal.toLocaleString("en")}…`,
    );
    sql.push(await onPostgres(url));
  }
  for (const reason of skipped) console.log(`  skipped ${reason}`);
  console.table(sql);
  for (const row of sql) {
    const statements =
      row.statementsMin === row.statementsMax
        ? `${row.statementsMax}`
        : `${row.statementsMin}–${row.statementsMax}`;
    console.log(
      `  ${row.store}: purgeExpired of ${row.due.toLocaleString("en")} due among ${row.total.toLocaleString("en")}: ` +
        `${statements} statements (≤ 5 ${row.statementsMax <= 5 ? "✓" : "✗"}), ` +
        `${row.ratio}× a bare DELETE of the same rows (samples ${row.ratioMin}–${row.ratioMax}; ≤ 3 ${row.ratio <= 3 ? "✓" : "✗"})`,
    );
  }
  return { sql, skipped };
}
