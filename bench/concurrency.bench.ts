// Concurrency on a real PostgreSQL server: do writes of different organisations wait on each
// other? (Per-organisation event logs, a per-organisation contact count, retries of lost races.)
// Runs only when PARTNERBOOK_POSTGRES_URL names a server — PGlite has one connection, so
// concurrency there means nothing — in a schema of its own, dropped at the end.
//
// 1. 16 callers, one per organisation, each editing the memo of its own 50 customer contacts
//    round-robin with `contacts.edit(…, { expectedVersion })`, against 16 callers running the
//    plain SQL equivalent (one UPDATE … WHERE id = $2 AND version = $3) on a pool of the same
//    size (16). Windows alternate plain / partnerbook twice, after a warm-up of each.
//    Ratio: partnerbook edits/s ÷ plain UPDATEs/s — target ≥ 0.3.
// 2. Organisation A's admin edits A's 100 contacts from 4 callers, alone and while member X of
//    organisation B changes nickname and X renames B in a loop — each call syncs the 10,000
//    contacts linked to X (owned by 10,000 members of five other organisations, written in bulk
//    with the adapter's row codecs). The syncing runs in a worker thread with its own pool, as a
//    second app instance would; windows: A alone, A while B syncs, A alone again.
//    Ratio: A's edits/s while B syncs ÷ alone — target ≥ 0.8.
// 3. Deadlocks: pg_stat_database.deadlocks of the database, before and after (database-wide, so
//    anything else running on it counts too), and the 40P01 / 40001 errors the bench's own
//    statements met (partnerbook re-runs those transactions; each BEGIN beyond one per call is a
//    re-run).
//
// Everything but the sync worker runs in this one Node process, which shares the machine's
// cores with the server (and with whatever else runs there): the figures are throughput of the
// whole client + server system, so where the CPU went is reported per window from /proc (the
// machine, the server's processes, this process, and the rest), with the machine's load for a
// second before the bench starts. Each caller's statements are counted and timed through a
// wrapped pool, and pg_stat_activity is sampled every 20 ms: the share of the measured callers'
// running backends that wait on a lock, by wait event, and the share blocked by a backend that
// is not one of theirs — for "organisations never wait on each other", that share is the test.
import { readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import {
  type ContactId,
  createPartnerbook,
  type Member,
  type MemberId,
  type Organisation,
  type Partnerbook,
  randomIds,
} from "partnerbook";
import { fromPg, migrate, postgresStore, type SqlQueryable } from "partnerbook/postgres";
import pg from "pg";
import { contactCodec, memberCodec, type RecordCodec } from "../src/adapters/postgres/rows.js";
import { aLinkedContact, aMember } from "../src/testing/records.js";
import {
  countingPool,
  newCounter,
  poolConfig,
  type StatementCounter,
  since,
  snapshot,
  type WorkerInput,
  type WorkerMessage,
} from "./concurrency-support.js";
import { round, sig } from "./harness.js";

const organisationCount = 16;
const contactsPerOrganisation = 50;
const warmUpMs = 400;
/** Each kind of caller in part 1 runs twice this long (two alternating windows). */
const editWindowMs = 1_500;
const syncFanOut = 10_000;
const ownerOrganisations = 5;
const orgAContacts = 100;
const orgACallers = 4;
const aloneWindowMs = 2_000;
const withSyncWindowMs = 4_000;
const sampleEveryMs = 20;

const memos = [
  "4月の展示会で名刺交換。見積もりの件で来月に打ち合わせ予定。資料を送付済み。",
  "商談会で紹介を受けた。保守契約の件で来週に再訪予定。担当者は決裁権あり。",
] as const;
/** The memo an edit at `version` writes: always different from the one stored at that version. */
const memoAt = (version: number) => memos[version & 1] as string;

const plainUpdate = `update partnerbook_contacts
  set fields = jsonb_set(fields, '{memo}', to_jsonb($1::text)), version = version + 1, updated_at = now()
  where id = $2 and version = $3 returning version`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────

/** One caller's next call. */
type Step = () => Promise<void>;

interface Window {
  readonly calls: number;
  readonly seconds: number;
  /** This process's CPU time (all threads), µs. */
  readonly cpuUs: number;
  /** CPU ticks over the window (null off Linux). */
  readonly ticks: CpuTicks | null;
  readonly latenciesMs: number[];
  readonly activity: Activity;
}

/** Sums over pg_stat_activity samples. */
interface Activity {
  readonly samples: number;
  /** The callers' backends running a statement (waiting ones included). */
  readonly active: number;
  /** The callers' backends waiting on a heavyweight lock, by wait_event (transactionid, tuple, extend, …). */
  readonly waitingOnLock: Record<string, number>;
  /** …of which blocked by a backend that is not one of these callers (another app name). */
  readonly blockedByOthers: number;
  /** Client backends running a statement that belong to nothing of this bench (other users of the server). */
  readonly foreignActive: number;
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** Polls pg_stat_activity for the backends named `applicationName` until stopped. */
function sampleActivity(admin: pg.Pool, applicationName: string): () => Promise<Activity> {
  let running = true;
  const totals = {
    samples: 0,
    active: 0,
    waitingOnLock: {} as Record<string, number>,
    blockedByOthers: 0,
    foreignActive: 0,
  };
  const done = (async () => {
    while (running) {
      const { rows } = await admin.query(
        `select a.state, a.wait_event_type, a.wait_event,
                a.wait_event_type = 'Lock' and exists (
                  select 1 from pg_stat_activity b
                  where b.pid = any(pg_blocking_pids(a.pid)) and b.application_name is distinct from $1
                ) as blocked_by_others,
                0 as foreign_active
         from pg_stat_activity a where a.application_name = $1
         union all
         select null, null, null, false,
                (select count(*) from pg_stat_activity o
                 where o.state = 'active' and o.backend_type = 'client backend'
                   and o.application_name not like 'partnerbook\\_bench\\_%')::int
         limit 1000`,
        [applicationName],
      );
      totals.samples++;
      for (const row of rows) {
        if (row.state === null) {
          totals.foreignActive += Number(row.foreign_active);
          continue;
        }
        if (row.state === "active") totals.active++;
        if (row.wait_event_type === "Lock") {
          const kind = String(row.wait_event);
          totals.waitingOnLock[kind] = (totals.waitingOnLock[kind] ?? 0) + 1;
          if (row.blocked_by_others === true) totals.blockedByOthers++;
        }
      }
      await sleep(sampleEveryMs);
    }
  })();
  return async () => {
    running = false;
    await done;
    return totals;
  };
}

/** Linux clock ticks (USER_HZ) per second, as /proc reports CPU time in. */
const ticksPerSecond = 100;

/**
 * CPU time in clock ticks: the machine's busy and total (all cores, /proc/stat) and the
 * PostgreSQL server's processes' (/proc/<pid>/stat of every process named postgres — 0 when the
 * server runs elsewhere). Null off Linux.
 */
interface CpuTicks {
  readonly busy: number;
  readonly total: number;
  readonly postgres: number;
}

function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    let postgres = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
        const fields = stat.slice(close + 2).split(" "); // from field 3 (state) on
        postgres += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    return { busy: total - idle, total, postgres };
  } catch {
    return null;
  }
}

const ticksSince = (before: CpuTicks | null, after: CpuTicks | null): CpuTicks | null =>
  before === null || after === null
    ? null
    : {
        busy: after.busy - before.busy,
        total: after.total - before.total,
        postgres: after.postgres - before.postgres,
      };

/** Runs every caller in a loop for `ms` (each finishes the call it is in), sampling the server. */
async function runWindow(
  steps: readonly Step[],
  ms: number,
  admin: pg.Pool,
  applicationName: string,
): Promise<Window> {
  const stopSampling = sampleActivity(admin, applicationName);
  const latenciesMs: number[] = [];
  const ticksBefore = cpuTicks();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + ms;
  const counts = await Promise.all(
    steps.map(async (step) => {
      let calls = 0;
      while (performance.now() < until) {
        const callStarted = performance.now();
        await step();
        latenciesMs.push(performance.now() - callStarted);
        calls++;
      }
      return calls;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const ticks = ticksSince(ticksBefore, cpuTicks());
  return {
    calls: counts.reduce((a, b) => a + b, 0),
    seconds,
    cpuUs: cpu.user + cpu.system,
    ticks,
    latenciesMs,
    activity: await stopSampling(),
  };
}

/** One kind of caller over one or more windows, as a table row. */
export interface ThroughputRow {
  readonly scenario: string;
  readonly callers: number;
  readonly calls: number;
  readonly seconds: number;
  readonly callsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** This process's CPU (all threads, so the sync worker's too while it runs) per call, µs. */
  readonly nodeCpuUsPerCall: number;
  /** Statements sent per call (BEGIN and COMMIT included); null where not counted. */
  readonly statementsPerCall: number | null;
  /** Transactions begun per call: above 1 means lost races were run again. */
  readonly transactionsPerCall: number | null;
  /** Share of sampled running backends of these callers that waited on a lock… */
  readonly lockWaitShare: number;
  /** …by wait_event, as counts of samples. */
  readonly lockWaits: Record<string, number>;
  /** Share of sampled running backends of these callers blocked by a backend of someone else. */
  readonly blockedByOthersShare: number;
  /** CPU over the windows, % of all the machine's cores: all of it busy, and by whom (null off Linux). */
  readonly machineCpuPercent: number | null;
  readonly postgresCpuPercent: number | null;
  readonly nodeCpuPercent: number | null;
  /** Busy neither in PostgreSQL nor in this process: other programs on the machine, the kernel's own work. */
  readonly otherCpuPercent: number | null;
  /** The PostgreSQL server's CPU per call, µs (null off Linux or when the server runs elsewhere). */
  readonly postgresCpuUsPerCall: number | null;
  /** Mean number of other users' statements running on the server while measuring. */
  readonly foreignActiveMean: number;
}

function throughputRow(
  scenario: string,
  callers: number,
  windows: readonly Window[],
  counted: StatementCounter | null,
): ThroughputRow {
  const total = <K extends "calls" | "seconds" | "cpuUs">(key: K) =>
    windows.reduce((acc, w) => acc + w[key], 0);
  const calls = total("calls");
  const seconds = total("seconds");
  const latencies = windows.flatMap((w) => w.latenciesMs).sort((a, b) => a - b);
  const active = windows.reduce((acc, w) => acc + w.activity.active, 0);
  const lockWaits: Record<string, number> = {};
  for (const w of windows) {
    for (const [kind, count] of Object.entries(w.activity.waitingOnLock))
      lockWaits[kind] = (lockWaits[kind] ?? 0) + count;
  }
  const blocked = windows.reduce((acc, w) => acc + w.activity.blockedByOthers, 0);
  const samples = windows.reduce((acc, w) => acc + w.activity.samples, 0);
  const ticks = windows.every((w) => w.ticks !== null)
    ? windows.reduce(
        (acc, w) => ({
          busy: acc.busy + (w.ticks?.busy ?? 0),
          total: acc.total + (w.ticks?.total ?? 0),
          postgres: acc.postgres + (w.ticks?.postgres ?? 0),
        }),
        { busy: 0, total: 0, postgres: 0 },
      )
    : null;
  const percent = (part: number) =>
    ticks === null || ticks.total === 0 ? null : round((100 * part) / ticks.total, 0);
  const nodeTicks = (total("cpuUs") * ticksPerSecond) / 1e6;
  return {
    scenario,
    callers,
    calls,
    seconds: round(seconds, 2),
    callsPerSecond: sig(calls / seconds),
    p50Ms: sig(quantile(latencies, 0.5)),
    p95Ms: sig(quantile(latencies, 0.95)),
    maxMs: sig(latencies.at(-1) ?? Number.NaN),
    nodeCpuUsPerCall: sig(total("cpuUs") / calls),
    statementsPerCall: counted === null ? null : round(counted.statements / calls, 2),
    transactionsPerCall: counted === null ? null : round(counted.transactions / calls, 3),
    lockWaitShare: active === 0 ? 0 : round(sum(lockWaits) / active, 3),
    lockWaits,
    blockedByOthersShare: active === 0 ? 0 : round(blocked / active, 3),
    machineCpuPercent: percent(ticks?.busy ?? 0),
    postgresCpuPercent: percent(ticks?.postgres ?? 0),
    nodeCpuPercent: percent(nodeTicks),
    otherCpuPercent: percent(Math.max(0, (ticks?.busy ?? 0) - (ticks?.postgres ?? 0) - nodeTicks)),
    postgresCpuUsPerCall:
      ticks === null || ticks.postgres === 0 ? null : sig((ticks.postgres * (1e6 / ticksPerSecond)) / calls),
    foreignActiveMean:
      samples === 0 ? 0 : round(windows.reduce((acc, w) => acc + w.activity.foreignActive, 0) / samples, 1),
  };
}

/** Adds what `b` counted to `a`. */
function addCounts(a: StatementCounter, b: StatementCounter): StatementCounter {
  const byKind = new Map([...a.byKind].map(([kind, value]) => [kind, { ...value }]));
  for (const [kind, value] of b.byKind) {
    const entry = byKind.get(kind) ?? { count: 0, ms: 0 };
    byKind.set(kind, { count: entry.count + value.count, ms: entry.ms + value.ms });
  }
  const errors = new Map(a.errors);
  for (const [state, count] of b.errors) errors.set(state, (errors.get(state) ?? 0) + count);
  return {
    statements: a.statements + b.statements,
    transactions: a.transactions + b.transactions,
    byKind,
    errors,
  };
}

/** Where a call's time goes: statements of each kind per call, and their mean wall time. */
export interface StatementRow {
  readonly statement: string;
  readonly perCall: number;
  readonly meanMs: number;
  /** Sum over the call's statements of this kind, ms: compare with the call's latency. */
  readonly msPerCall: number;
}

function statementRows(counted: StatementCounter, calls: number): StatementRow[] {
  return [...counted.byKind]
    .map(([statement, { count, ms }]) => ({
      statement,
      perCall: round(count / calls, 3),
      meanMs: sig(ms / count),
      msPerCall: sig(ms / calls),
    }))
    .sort((a, b) => b.msPerCall - a.msPerCall);
}

// ── the world ──────────────────────────────────────────────────────────────────────────────

/** Rows per multi-row INSERT: under PostgreSQL's 65,535 parameters for these tables. */
const rowsPerStatement = 1_000;

/** Writes records in multi-row INSERTs of the adapter's own row codecs (fixtures only). */
async function insertRows<T>(sql: SqlQueryable, codec: RecordCodec<T>, records: readonly T[]): Promise<void> {
  const width = codec.columns.length;
  for (let start = 0; start < records.length; start += rowsPerStatement) {
    const chunk = records.slice(start, start + rowsPerStatement);
    const tuples = chunk.map(
      (_, r) =>
        `(${codec.casts.map((cast) => cast.replace(/\$(\d+)/, (_m, n) => `$${r * width + Number(n)}`)).join(", ")})`,
    );
    await sql.query(
      `insert into ${codec.table} (${codec.columns.join(", ")}) values ${tuples.join(", ")}`,
      chunk.flatMap((record) => codec.params(record)),
    );
  }
}

/** A customer contact as a caller would type it in; `n` makes phone and email unique. */
function customerInput(n: number) {
  const digits = String(10_000_000 + n).slice(-8);
  return {
    familyName: "山田",
    givenName: `太郎${n}`,
    familyNameReading: "ヤマダ",
    givenNameReading: "タロウ",
    phones: [{ number: `090-${digits.slice(0, 4)}-${digits.slice(4)}` }],
    emails: [{ address: `taro${n}@example.co.jp` }],
    company: "株式会社サンプル商事",
    memo: "初回登録",
  };
}

/** An organisation on the standard plan, created through the API, and its admin. */
async function createOrganisation(
  book: Partnerbook,
  name: string,
  worksId: string,
  nickname?: string,
): Promise<{ organisation: Organisation; admin: Member }> {
  return book.organisations.create({
    name,
    plan: "standard",
    admin: { worksId, displayName: `${name} 管理者`, ...(nickname === undefined ? {} : { nickname }) },
  });
}

/** Each admin adds `count` customer contacts (admins in parallel); their ids, per admin. */
async function addCustomers(
  book: Partnerbook,
  admins: readonly MemberId[],
  count: number,
  serialBase: number,
): Promise<ContactId[][]> {
  return Promise.all(
    admins.map(async (admin, a) => {
      const ids: ContactId[] = [];
      for (let i = 0; i < count; i++) {
        const contact = await book.contacts.addCustomer(admin, customerInput(serialBase + a * count + i));
        ids.push(contact.id);
      }
      return ids;
    }),
  );
}

/** A caller editing `ids` round-robin through partnerbook; `versions` is shared with the plain caller. */
function partnerbookEditor(
  book: Partnerbook,
  actor: MemberId,
  ids: readonly ContactId[],
  versions: Map<ContactId, number>,
): Step {
  let next = 0;
  return async () => {
    const id = ids[next++ % ids.length] as ContactId;
    const version = versions.get(id) ?? 1;
    const edited = await book.contacts.edit(
      actor,
      id,
      { memo: memoAt(version) },
      { expectedVersion: version },
    );
    if (edited.version !== version + 1)
      throw new Error(`edit of ${id} did not write (version ${edited.version})`);
    versions.set(id, edited.version);
  };
}

/** A caller running the plain UPDATE over `ids` round-robin. */
function plainEditor(pool: pg.Pool, ids: readonly ContactId[], versions: Map<ContactId, number>): Step {
  let next = 0;
  return async () => {
    const id = ids[next++ % ids.length] as ContactId;
    const version = versions.get(id) ?? 1;
    const { rows } = await pool.query(plainUpdate, [memoAt(version), id, version]);
    if (rows.length !== 1) throw new Error(`plain update of ${id} at version ${version} matched nothing`);
    versions.set(id, Number(rows[0]?.version));
  };
}

// ── part 1: 16 organisations ───────────────────────────────────────────────────────────────

interface EditsResult {
  readonly rows: ThroughputRow[];
  readonly statements: StatementRow[];
  readonly errors: Record<string, number>;
  readonly ratio: number;
}

async function sixteenOrganisations(url: string, schema: string, admin: pg.Pool): Promise<EditsResult> {
  const application = "partnerbook_bench_edits";
  const pool = new pg.Pool(poolConfig(url, schema, organisationCount, application));
  pool.on("error", () => {});
  const counter = newCounter();
  const book = createPartnerbook({ store: postgresStore(fromPg(countingPool(pool, counter))) });
  try {
    const setupStarted = performance.now();
    const created = await Promise.all(
      Array.from({ length: organisationCount }, (_, i) =>
        createOrganisation(book, `株式会社並行${i}`, `admin${i}@parallel.example`),
      ),
    );
    const admins = created.map(({ admin: a }) => a.id);
    const ids = await addCustomers(book, admins, contactsPerOrganisation, 0);
    await admin.query(`analyze ${schema}.partnerbook_contacts`);
    console.log(
      `  part 1: ${organisationCount} organisations × ${contactsPerOrganisation} contacts added in ${round(
        (performance.now() - setupStarted) / 1000,
        1,
      )} s; measuring…`,
    );
    const versions = new Map<ContactId, number>();
    const partnerbookSteps = admins.map((a, i) => partnerbookEditor(book, a, ids[i] ?? [], versions));
    const plainSteps = ids.map((own) => plainEditor(pool, own, versions));

    await runWindow(plainSteps, warmUpMs, admin, application);
    await runWindow(partnerbookSteps, warmUpMs, admin, application);
    const plain: Window[] = [];
    const partnerbook: Window[] = [];
    let counted = newCounter();
    for (let turn = 0; turn < 2; turn++) {
      plain.push(await runWindow(plainSteps, editWindowMs, admin, application));
      const before = snapshot(counter);
      partnerbook.push(await runWindow(partnerbookSteps, editWindowMs, admin, application));
      counted = addCounts(counted, since(counter, before));
    }
    const partnerbookRow = throughputRow(
      "partnerbook contacts.edit (memo), 1 caller per organisation",
      organisationCount,
      partnerbook,
      counted,
    );
    const plainRow = throughputRow(
      "plain UPDATE … WHERE id AND version, 1 caller per organisation",
      organisationCount,
      plain,
      null,
    );
    return {
      rows: [partnerbookRow, plainRow],
      statements: statementRows(counted, partnerbookRow.calls),
      errors: Object.fromEntries(counted.errors),
      ratio: round(partnerbookRow.callsPerSecond / plainRow.callsPerSecond, 2),
    };
  } finally {
    await pool.end();
  }
}

// ── part 2: one organisation edits while another syncs 10,000 contacts ───────────────────────

interface SyncSummary {
  readonly operation: string;
  readonly calls: number;
  readonly contactsPerCall: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

interface IsolationResult {
  readonly rows: ThroughputRow[];
  readonly syncs: SyncSummary[];
  readonly workerErrors: Record<string, number>;
  readonly workerTransactionsPerCall: number;
  /** The sync worker's statements per sync call (all its calls, warm-up included). */
  readonly syncStatements: StatementRow[];
  readonly editErrors: Record<string, number>;
  readonly ratio: number;
  readonly buildSeconds: number;
}

/** The sync worker: started, then driven with "start" and "stop". */
function startWorker(input: WorkerInput) {
  const api = import.meta.resolve("tsx/esm/api");
  const file = new URL("./concurrency-sync-worker.ts", import.meta.url).href;
  // The worker loads tsx itself: a worker does not inherit `--import tsx` reliably on Node 20.
  const worker = new Worker(
    `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`,
    { eval: true, workerData: input },
  );
  const synced: Extract<WorkerMessage, { type: "synced" }>[] = [];
  let failure: string | null = null;
  const listeners = new Set<(message: WorkerMessage) => void>();
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "synced") synced.push(message);
    if (message.type === "failed") failure = message.message;
    for (const listener of listeners) listener(message);
  });
  worker.on("error", (error) => {
    failure = error.stack ?? error.message;
    for (const listener of listeners) listener({ type: "failed", message: failure });
  });
  const next = (accept: (message: WorkerMessage) => boolean) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const listener = (message: WorkerMessage) => {
        if (message.type === "failed") {
          listeners.delete(listener);
          reject(new Error(`sync worker: ${message.message}`));
        } else if (accept(message)) {
          listeners.delete(listener);
          resolve(message);
        }
      };
      listeners.add(listener);
    });
  return {
    synced,
    failure: () => failure,
    ready: next((m) => m.type === "ready"),
    start: () => worker.postMessage("start"),
    next,
    async stop(): Promise<Extract<WorkerMessage, { type: "stopped" }>> {
      const stopped = next((m) => m.type === "stopped");
      worker.postMessage("stop");
      const message = (await stopped) as Extract<WorkerMessage, { type: "stopped" }>;
      await worker.terminate();
      return message;
    },
    terminate: () => worker.terminate(),
  };
}

async function syncIsolation(url: string, schema: string, admin: pg.Pool): Promise<IsolationResult> {
  const application = "partnerbook_bench_org_a";
  const pool = new pg.Pool(poolConfig(url, schema, orgACallers, application));
  pool.on("error", () => {});
  const counter = newCounter();
  const book = createPartnerbook({ store: postgresStore(fromPg(countingPool(pool, counter))) });
  let worker: ReturnType<typeof startWorker> | null = null;
  try {
    const buildStarted = performance.now();
    const a = await createOrganisation(book, "株式会社エー", "admin@a.example");
    const b = await createOrganisation(book, "ビー株式会社", "x@b.example", "えっくす");
    const x = b.admin;
    const owners = await Promise.all(
      Array.from({ length: ownerOrganisations }, (_, i) =>
        createOrganisation(book, `株式会社シー${i}`, `admin@c${i}.example`),
      ),
    );
    const [idsA] = await addCustomers(book, [a.admin.id], orgAContacts, 100_000);
    // 10,000 owners in five organisations, each with one contact linked to X (R15: one per
    // owner and external user), written in bulk: a fixture, so partnerbook's rules are skipped.
    const members: Member[] = [];
    for (let i = 0; i < syncFanOut; i++) {
      const organisation = (owners[i % ownerOrganisations] as (typeof owners)[number]).organisation;
      members.push(aMember(randomIds.id("member"), organisation.id));
    }
    const linked = members.map((owner) =>
      aLinkedContact(randomIds.id("contact"), owner, x, {
        synced: { nickname: x.nickname, company: b.organisation.name, photoUrl: null },
      }),
    );
    await fromPg(pool).transaction(async (sql) => {
      await insertRows(sql, memberCodec, members);
      await insertRows(sql, contactCodec, linked);
    });
    await admin.query(`vacuum analyze ${schema}.partnerbook_members, ${schema}.partnerbook_contacts`);
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    console.log(
      `  part 2: ${syncFanOut.toLocaleString("en")} contacts linked to X, ${orgAContacts} in A, built in ${round(
        buildSeconds,
        1,
      )} s; measuring…`,
    );

    const versions = new Map<ContactId, number>();
    const slice = Math.ceil(orgAContacts / orgACallers);
    const steps = Array.from({ length: orgACallers }, (_, c) =>
      partnerbookEditor(book, a.admin.id, (idsA ?? []).slice(c * slice, (c + 1) * slice), versions),
    );
    worker = startWorker({
      url,
      schema,
      memberId: x.id,
      organisationId: b.organisation.id,
      timeOrigin: performance.timeOrigin,
    });
    const syncing = worker;
    await syncing.ready;

    await runWindow(steps, warmUpMs, admin, application);
    const countBefore = snapshot(counter);
    const alone = [await runWindow(steps, aloneWindowMs, admin, application)];
    const aloneCounts = since(counter, countBefore);

    syncing.start();
    // Measure once both loops are past their first (cold) call.
    const firstOf = (operation: string) =>
      syncing.next((m) => m.type === "synced" && m.operation === operation);
    await Promise.all([firstOf("updateProfile"), firstOf("rename")]);
    const withBefore = snapshot(counter);
    const windowStart = performance.now();
    const withSync = await runWindow(steps, withSyncWindowMs, admin, application);
    const windowEnd = performance.now();
    const withCounts = since(counter, withBefore);
    const stopped = await syncing.stop();
    worker = null;

    const againBefore = snapshot(counter);
    alone.push(await runWindow(steps, aloneWindowMs, admin, application));
    const aloneAll = addCounts(aloneCounts, since(counter, againBefore));

    const aloneRow = throughputRow(
      `org A edits, ${orgACallers} callers, alone`,
      orgACallers,
      alone,
      aloneAll,
    );
    const withRow = throughputRow(
      `org A edits, ${orgACallers} callers, while B syncs ${syncFanOut.toLocaleString("en")} contacts`,
      orgACallers,
      [withSync],
      withCounts,
    );
    // Sync calls that overlapped the window.
    const overlapping = syncing.synced.filter(
      (m) => m.startedAt < windowEnd && m.startedAt + m.ms > windowStart,
    );
    const syncs = (["updateProfile", "rename"] as const).map((operation) => {
      const calls = overlapping.filter((m) => m.operation === operation);
      const ms = calls.map((m) => m.ms).sort((p, q) => p - q);
      return {
        operation:
          operation === "updateProfile"
            ? "members.updateProfile(X, { nickname })"
            : "organisations.rename(B)",
        calls: calls.length,
        contactsPerCall: calls.length === 0 ? 0 : Math.min(...calls.map((m) => m.count)),
        medianMs: sig(quantile(ms, 0.5)),
        maxMs: sig(ms.at(-1) ?? Number.NaN),
      };
    });
    const syncCalls = syncing.synced.length;
    return {
      rows: [aloneRow, withRow],
      syncs,
      workerErrors: stopped.errors,
      workerTransactionsPerCall: round(stopped.transactions / Math.max(1, syncCalls), 3),
      syncStatements: statementRows(
        {
          statements: stopped.statements,
          transactions: stopped.transactions,
          byKind: new Map(Object.entries(stopped.byKind)),
          errors: new Map(),
        },
        Math.max(1, syncCalls),
      ),
      editErrors: Object.fromEntries(addCounts(aloneAll, withCounts).errors),
      ratio: round(withRow.callsPerSecond / aloneRow.callsPerSecond, 2),
      buildSeconds: round(buildSeconds, 1),
    };
  } finally {
    await worker?.terminate();
    await pool.end();
  }
}

// ── the run ────────────────────────────────────────────────────────────────────────────────

export interface ConcurrencyResult {
  readonly skipped: false;
  readonly server: string;
  /** The machine's CPU busy over 1 s before the bench started anything, % of all cores (others' load). */
  readonly backgroundCpuPercent: number | null;
  readonly rows: readonly ThroughputRow[];
  readonly partnerbookStatementsPerEdit: readonly StatementRow[];
  readonly syncs: readonly SyncSummary[];
  /** Per sync call (updateProfile and rename alike), over all the worker's calls. */
  readonly syncStatementsPerCall: readonly StatementRow[];
  readonly syncTransactionsPerCall: number;
  readonly errors: Record<string, Record<string, number>>;
  readonly deadlocks: { readonly pgStatDatabaseDelta: number; readonly deadlockErrorsSeen: number };
  readonly ratios: Record<string, { readonly value: number; readonly target: string }>;
  readonly seconds: number;
}

async function deadlockCount(admin: pg.Pool): Promise<number> {
  const { rows } = await admin.query(
    "select deadlocks from pg_stat_database where datname = current_database()",
  );
  return Number(rows[0]?.deadlocks ?? 0);
}

export async function run(): Promise<
  ConcurrencyResult | { readonly skipped: true; readonly reason: string }
> {
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") {
    const reason =
      "PARTNERBOOK_POSTGRES_URL is not set: concurrency needs a real PostgreSQL server (PGlite has one connection)";
    console.log(`  skipped: ${reason}`);
    return { skipped: true, reason };
  }
  const started = performance.now();
  const schema = `partnerbook_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 2, application_name: "partnerbook_bench_admin" });
  admin.on("error", () => {});
  let schemaMade = false;
  try {
    const { rows: versionRows } = await admin.query("show server_version");
    const server = String(versionRows[0]?.server_version ?? "?");
    const idleFrom = cpuTicks();
    await sleep(1_000);
    const idle = ticksSince(idleFrom, cpuTicks());
    const backgroundCpuPercent =
      idle === null || idle.total === 0 ? null : round((100 * idle.busy) / idle.total, 0);
    const deadlocksBefore = await deadlockCount(admin);
    await admin.query(`create schema ${schema}`);
    schemaMade = true;
    const migrator = new pg.Pool(poolConfig(url, schema, 1, "partnerbook_bench_migrate"));
    try {
      await migrate(fromPg(migrator));
    } finally {
      await migrator.end();
    }

    const edits = await sixteenOrganisations(url, schema, admin);
    const isolation = await syncIsolation(url, schema, admin);
    await sleep(300); // the bench's backends have exited and flushed their statistics
    const deadlocksAfter = await deadlockCount(admin);
    const deadlockErrorsSeen =
      (edits.errors["40P01"] ?? 0) +
      (isolation.editErrors["40P01"] ?? 0) +
      (isolation.workerErrors["40P01"] ?? 0);

    const rows = [...edits.rows, ...isolation.rows];
    const result: ConcurrencyResult = {
      skipped: false,
      server,
      backgroundCpuPercent,
      rows,
      partnerbookStatementsPerEdit: edits.statements,
      syncs: isolation.syncs,
      syncStatementsPerCall: isolation.syncStatements,
      syncTransactionsPerCall: isolation.workerTransactionsPerCall,
      errors: {
        "part 1 edits (partnerbook)": edits.errors,
        "part 2 org A edits": isolation.editErrors,
        "part 2 sync worker": isolation.workerErrors,
      },
      deadlocks: { pgStatDatabaseDelta: deadlocksAfter - deadlocksBefore, deadlockErrorsSeen },
      ratios: {
        "partnerbook ÷ plain UPDATE, 16 callers in 16 organisations": { value: edits.ratio, target: "≥ 0.3" },
        "org A edits while B syncs 10,000 ÷ alone": { value: isolation.ratio, target: "≥ 0.8" },
      },
      seconds: round((performance.now() - started) / 1000, 1),
    };
    print(result);
    return result;
  } finally {
    if (schemaMade) await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

function print(result: ConcurrencyResult): void {
  console.log(
    `  PostgreSQL ${result.server}; machine CPU busy before the bench: ${result.backgroundCpuPercent ?? "?"}%; ` +
      "all callers in this one Node process but the sync worker (a thread with its own pool)",
  );
  console.table(
    Object.fromEntries(
      result.rows.map((row) => [
        row.scenario,
        {
          callers: row.callers,
          "calls/s": row.callsPerSecond,
          "p50 ms": row.p50Ms,
          "p95 ms": row.p95Ms,
          "max ms": row.maxMs,
          "Node CPU µs/call": row.nodeCpuUsPerCall,
          "PostgreSQL CPU µs/call": row.postgresCpuUsPerCall ?? "—",
          "statements/call": row.statementsPerCall ?? "1",
          "transactions/call": row.transactionsPerCall ?? "—",
        },
      ]),
    ),
  );
  console.log(
    `  waiting and load, from pg_stat_activity every ${sampleEveryMs} ms (shares of the callers' running backends) and /proc/stat:`,
  );
  console.table(
    Object.fromEntries(
      result.rows.map((row) => [
        row.scenario,
        {
          "waiting on a lock": row.lockWaitShare,
          "blocked by others": row.blockedByOthersShare,
          "lock waits (samples)": JSON.stringify(row.lockWaits),
          "machine CPU %": row.machineCpuPercent ?? "—",
          "PostgreSQL %": row.postgresCpuPercent ?? "—",
          "this Node %": row.nodeCpuPercent ?? "—",
          "other %": row.otherCpuPercent ?? "—",
          "others' statements running": row.foreignActiveMean,
        },
      ]),
    ),
  );
  console.log(
    "  partnerbook contacts.edit, statements per call (16 callers; mean wall ms as the client saw it):",
  );
  console.table(
    Object.fromEntries(
      result.partnerbookStatementsPerEdit.map(({ statement, ...rest }) => [
        statement,
        { "per call": rest.perCall, "mean ms": rest.meanMs, "ms per call": rest.msPerCall },
      ]),
    ),
  );
  console.log(
    `  org B's syncs overlapping the window with syncs (worker transactions per call: ${result.syncTransactionsPerCall}):`,
  );
  console.table(Object.fromEntries(result.syncs.map(({ operation, ...rest }) => [operation, rest])));
  console.log("  the sync worker's statements per sync call (all its calls; wall ms as the worker saw it):");
  console.table(
    Object.fromEntries(
      result.syncStatementsPerCall.map(({ statement, ...rest }) => [
        statement,
        { "per call": rest.perCall, "mean ms": rest.meanMs, "ms per call": rest.msPerCall },
      ]),
    ),
  );
  console.log(
    `  deadlocks: pg_stat_database +${result.deadlocks.pgStatDatabaseDelta} (database-wide), ` +
      `40P01 met by the bench's statements: ${result.deadlocks.deadlockErrorsSeen}; errors by SQLSTATE: ${JSON.stringify(result.errors)}`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(result.ratios).map(([name, { value, target }]) => [
        name,
        { ratio: value, target, met: meets(value, target) ? "✅" : "❌" },
      ]),
    ),
  );
  const busy = result.rows.map((row) => row.machineCpuPercent ?? 0);
  if (Math.min(...busy) >= 90) {
    console.log(
      "  note: the machine's CPU was ≥ 90% busy in every window (client, server and worker share its cores), so the\n" +
        "  ratios compare CPU work per call of the whole system; waiting between organisations shows in 'blocked by others'.",
    );
  }
}

const meets = (value: number, target: string): boolean => value >= Number(target.replace(/[^\d.]/g, ""));
