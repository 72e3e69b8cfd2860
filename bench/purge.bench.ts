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
import { type ContactId, createPartnerbook, type MemberId, manualClock, type Partnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { Bench } from "tinybench";

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

/** Runs the four cases, prints the table and the ratios that matter, and returns the rows. */
export async function run(): Promise<PurgeRow[]> {
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
