// R10 as an attacker measures it: can the time a search takes tell "no such member" from
// "exists, but you may not find them" (their organisation off, you outside their scope, their
// organisation blocking yours, phone search off)? The answers are equal by construction; this
// bench checks that the timings are too.
//
// For each store (memory; PGlite; the real PostgreSQL server when PARTNERBOOK_POSTGRES_URL names
// one, in a schema of its own dropped at the end) it builds one searcher and one target per
// reason, straight through the store port. A trial takes 10 timing samples of every reason, the
// samples of all reasons shuffled together so that drift (GC, the server's autovacuum, the other
// processes on the machine) falls on every reason alike; a few trials are run first and thrown
// away as warm-up. A search's rate limit is lifted (R11 would otherwise refuse).
//
// The attacker's classifier: the median of a trial's 10 samples against a threshold, "no such
// member" on one side, the other reason on the other. The threshold (and which side is which) is
// fitted on half of the trials and scored on the other half, then the halves swap; the accuracy
// is the mean of both. 50% is chance; the target is ≤ 60% for every reason on every store. With
// 2 × T test trials per fold the accuracy of a classifier that knows nothing still spreads by
// about ±1/√(2T) (±5% at T = 100): the trial counts below keep chance well below the target.
// For comparison the same classifier is scored on single samples, and on a control — a member
// who IS found — whose answer differs anyway, to show what a real difference looks like.
import { loadavg } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  type LinkingPolicy,
  type MemberId,
  manualClock,
  type OrganisationId,
  type Partnerbook,
  type Store,
} from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { fromPg, fromPglite, migrate, postgresStore } from "partnerbook/postgres";
import pg from "pg";
import { aMember, anOrganisation } from "../src/testing/records.js";
import { prng } from "./fixtures.js";
import { median, round, sig } from "./harness.js";
import { reachable } from "./sql-support.js";

const samplesPerTrial = 10;
const warmUpTrials = 3;
/** Trials per store: enough that chance stays well under 60%, few enough to take seconds. */
const trialsFor = { memory: 1_000, pglite: 100, postgres: 200 } as const;

type StoreName = keyof typeof trialsFor;
type Way = "works ID" | "phone";

/** What a sample asks: a search that finds nobody for one reason (or, the control, somebody). */
interface Reason {
  readonly name: string;
  readonly way: Way;
  /** The baseline every other reason of its way is compared with. */
  readonly nobody?: true;
  /** Found: its answer differs anyway; shown to calibrate the classifier, not held to the target. */
  readonly control?: true;
  /**
   * The works ID or phone number a trial types (10 times, each a new string). "No such member"
   * is a new random one per trial — as an attacker would compare a name they probe with a name
   * they made up, each typed 10 times: a new value on every sample would be slower for reasons
   * that have nothing to do with R10 (the caches of the CPU meet an unseen key each time).
   */
  readonly typed: () => string;
}

/** One pair of reasons on one store. */
export interface EnumerationRow {
  readonly store: StoreName;
  readonly way: Way;
  /** "no such member" against this. */
  readonly versus: string;
  readonly control: boolean;
  readonly trials: number;
  /** The classifier's accuracy on the median of 10 samples (held-out halves). */
  readonly accuracy10: number;
  /** The same classifier on one sample. */
  readonly accuracy1: number;
  /** Median search time of the reason, and its difference from "no such member", µs. */
  readonly medianUs: number;
  readonly differenceUs: number;
}

export interface EnumerationResult {
  readonly rows: readonly EnumerationRow[];
  /** The worst accuracy of 10 samples over the non-control pairs, per store. */
  readonly worst: Readonly<Partial<Record<StoreName, number>>>;
  readonly target: string;
  readonly skipped: readonly string[];
  /**
   * The machine's 1-minute load average when the bench started and ended: other processes'
   * noise hides differences, so an accuracy measured under load flatters.
   */
  readonly load: { readonly before: number; readonly after: number };
  readonly seconds: number;
}

// ── the world ───────────────────────────────────────────────────────────────────────────────

const random = prng(0x5eed_10);
const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
/** `n` random characters, so every typed works ID has the same length. */
const randomText = (n: number) =>
  Array.from({ length: n }, () => letters[Math.floor(random() * letters.length)]).join("");
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");

/**
 * A new flat string, as a request body delivers it, for every input alike: a string typed again
 * would come with its hash already computed, and a string just built from parts (a rope) would
 * first have to be flattened; either would make one reason faster than another.
 */
const fresh = (value: string) => Array.from(value).join("");

/** Works IDs and phones of the same shape for targets and for nobody. */
const aWorksId = () => `m-${randomText(10)}@bench.example`;
const aPhone = () => `+8190${randomDigits(8)}`;

interface World {
  readonly book: Partnerbook;
  readonly searcher: MemberId;
  readonly reasons: readonly Reason[];
}

async function buildWorld(store: Store): Promise<World> {
  const at = new Date("2026-04-01T00:00:00Z");
  const open: LinkingPolicy = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } };
  const org = (id: string, linking: LinkingPolicy = open) =>
    anOrganisation(`org_${id}`, { name: `Organisation ${id}`, linking });
  const searcherOrg = org("searcher");
  const organisations = {
    off: org("off", { ...open, enabled: false }),
    scope: org("scope", { ...open, scope: { kind: "listed", members: [] } }),
    blocking: org("blocking", { ...open, partners: { kind: "block", organisations: [searcherOrg.id] } }),
    open: org("open"),
  };
  const works = { off: aWorksId(), scope: aWorksId(), blocking: aWorksId(), found: aWorksId() };
  const phones = { off: aPhone(), organisationOff: aPhone(), found: aPhone() };
  const member = (
    id: string,
    organisationId: OrganisationId,
    worksId: string,
    phone?: string,
    search = false,
  ) =>
    aMember(`mem_${id}`, organisationId, {
      worksId,
      displayName: `Member ${id}`,
      mobilePhone: phone === undefined ? null : { e164: phone, raw: phone },
      allowSearchByPhone: search,
    });
  const searcher = member("searcher", searcherOrg.id, aWorksId());
  await store.transaction(async (tx) => {
    for (const organisation of [searcherOrg, ...Object.values(organisations)])
      await tx.organisations.insert(organisation);
    await tx.members.insert(searcher);
    await tx.members.insert(member("off", organisations.off.id, works.off));
    await tx.members.insert(member("scope", organisations.scope.id, works.scope));
    await tx.members.insert(member("blocking", organisations.blocking.id, works.blocking));
    await tx.members.insert(member("found", organisations.open.id, works.found));
    await tx.members.insert(member("phone_off", organisations.open.id, aWorksId(), phones.off, false));
    await tx.members.insert(
      member("phone_org_off", organisations.off.id, aWorksId(), phones.organisationOff, true),
    );
    await tx.members.insert(member("phone_found", organisations.open.id, aWorksId(), phones.found, true));
  });
  const book = createPartnerbook({
    store,
    clock: manualClock(at),
    searchLimiter: fixedWindowRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }),
  });
  const fixed = (value: string) => () => value;
  const reasons: Reason[] = [
    { name: "no such member", way: "works ID", nobody: true, typed: aWorksId },
    { name: "their organisation off", way: "works ID", typed: fixed(works.off) },
    { name: "outside their scope", way: "works ID", typed: fixed(works.scope) },
    { name: "their organisation blocks mine", way: "works ID", typed: fixed(works.blocking) },
    { name: "found (control)", way: "works ID", control: true, typed: fixed(works.found) },
    { name: "no such member", way: "phone", nobody: true, typed: aPhone },
    { name: "phone search off", way: "phone", typed: fixed(phones.off) },
    { name: "their organisation off", way: "phone", typed: fixed(phones.organisationOff) },
    { name: "found (control)", way: "phone", control: true, typed: fixed(phones.found) },
  ];
  return { book, searcher: searcher.id, reasons };
}

// ── sampling ────────────────────────────────────────────────────────────────────────────────

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** `samples[reason][trial]`: the 10 times of that trial, µs. */
async function sample(world: World, trials: number): Promise<number[][][]> {
  const { book, searcher, reasons } = world;
  const samples = reasons.map(() => [] as number[][]);
  for (let trial = -warmUpTrials; trial < trials; trial++) {
    const order = shuffle(reasons.flatMap((_, r) => Array.from({ length: samplesPerTrial }, () => r)));
    const typed = reasons.map((reason) => reason.typed());
    const times = reasons.map(() => [] as number[]);
    for (const r of order) {
      const reason = reasons[r] as Reason;
      const input = fresh(typed[r] as string);
      const started = process.hrtime.bigint();
      const cards =
        reason.way === "works ID"
          ? await book.search.byWorksId(searcher, input)
          : await book.search.byPhone(searcher, input);
      const elapsed = Number(process.hrtime.bigint() - started) / 1000;
      // The answers are what R10 promises, or the timings would be beside the point.
      if (cards.length !== (reason.control ? 1 : 0)) {
        throw new Error(`${reason.way} "${reason.name}" answered ${cards.length} cards`);
      }
      (times[r] as number[]).push(elapsed);
    }
    if (trial >= 0) for (const [r, t] of times.entries()) samples[r]?.push(t);
  }
  return samples;
}

// ── the classifier ──────────────────────────────────────────────────────────────────────────

/** The threshold rule (and its direction) that classifies most of `a` and `b` right. */
function fitThreshold(a: readonly number[], b: readonly number[]): (value: number) => "a" | "b" {
  const points = [...a.map((v) => [v, "a"] as const), ...b.map((v) => [v, "b"] as const)].sort(
    (x, y) => x[0] - y[0],
  );
  // Sweep the threshold upwards; count how many of each class lie at or below it.
  let best = { correct: -1, threshold: Number.NEGATIVE_INFINITY, below: "a" as "a" | "b" };
  let aBelow = 0;
  let bBelow = 0;
  const consider = (threshold: number) => {
    const aBelowCorrect = aBelow + (b.length - bBelow);
    const bBelowCorrect = bBelow + (a.length - aBelow);
    if (aBelowCorrect > best.correct) best = { correct: aBelowCorrect, threshold, below: "a" };
    if (bBelowCorrect > best.correct) best = { correct: bBelowCorrect, threshold, below: "b" };
  };
  consider(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < points.length; i++) {
    const [value, label] = points[i] as readonly [number, "a" | "b"];
    if (label === "a") aBelow++;
    else bBelow++;
    const next = points[i + 1];
    if (next === undefined || next[0] !== value) consider(value);
  }
  const { threshold, below } = best;
  const above = below === "a" ? "b" : "a";
  return (value) => (value <= threshold ? below : above);
}

/** Accuracy of the fitted threshold on held-out halves (even/odd trials, both ways round). */
function accuracy(a: readonly number[], b: readonly number[]): number {
  const half = (values: readonly number[], parity: number) => values.filter((_, i) => i % 2 === parity);
  let score = 0;
  for (const parity of [0, 1]) {
    const classify = fitThreshold(half(a, parity), half(b, parity));
    const testA = half(a, 1 - parity);
    const testB = half(b, 1 - parity);
    const correct =
      testA.filter((v) => classify(v) === "a").length + testB.filter((v) => classify(v) === "b").length;
    score += correct / (testA.length + testB.length);
  }
  return score / 2;
}

function compare(store: StoreName, world: World, samples: number[][][]): EnumerationRow[] {
  const rows: EnumerationRow[] = [];
  world.reasons.forEach((reason, r) => {
    if (reason.nobody) return;
    const base = world.reasons.findIndex((other) => other.nobody && other.way === reason.way);
    const nobody = samples[base] as number[][];
    const other = samples[r] as number[][];
    const medians = (trials: number[][]) => trials.map(median);
    // One sample per trial (its last, when the value typed is no longer new): as many points
    // as trials.
    const lasts = (trials: number[][]) => trials.map((t) => t.at(-1) as number);
    const all = (trials: number[][]) => median(trials.flat());
    rows.push({
      store,
      way: reason.way,
      versus: reason.name,
      control: reason.control === true,
      trials: other.length,
      accuracy10: round(accuracy(medians(nobody), medians(other)), 3),
      accuracy1: round(accuracy(lasts(nobody), lasts(other)), 3),
      medianUs: sig(all(other)),
      differenceUs: sig(all(other) - all(nobody)),
    });
  });
  return rows;
}

// ── the stores ──────────────────────────────────────────────────────────────────────────────

async function measureStore(store: StoreName, make: () => Promise<Store>): Promise<EnumerationRow[]> {
  const world = await buildWorld(await make());
  const started = performance.now();
  const rows = compare(store, world, await sample(world, trialsFor[store]));
  console.log(`  ${store}: ${((performance.now() - started) / 1000).toFixed(1)} s of sampling`);
  return rows;
}

async function onPglite(): Promise<EnumerationRow[]> {
  const db = await PGlite.create();
  try {
    return await measureStore("pglite", async () => {
      const client = fromPglite(db);
      await migrate(client);
      return postgresStore(client);
    });
  } finally {
    await db.close();
  }
}

async function onPostgres(url: string): Promise<EnumerationRow[]> {
  const schema = `partnerbook_bench_enum_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  // One connection: every search takes the same path to the server.
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    options: `-c search_path=${schema}`,
    application_name: "partnerbook_bench_enumeration",
  });
  await admin.query(`create schema ${schema}`);
  try {
    return await measureStore("postgres", async () => {
      const client = fromPg(pool);
      await migrate(client);
      return postgresStore(client);
    });
  } finally {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function run(): Promise<EnumerationResult> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const skipped: string[] = [];
  const rows = [...(await measureStore("memory", async () => memoryStore())), ...(await onPglite())];
  const url = process.env.PARTNERBOOK_POSTGRES_URL;
  if (url === undefined || url === "") skipped.push("postgres: PARTNERBOOK_POSTGRES_URL is not set");
  else if (!(await reachable(url))) skipped.push("postgres: no server answers at PARTNERBOOK_POSTGRES_URL");
  else rows.push(...(await onPostgres(url)));

  const worst: Partial<Record<StoreName, number>> = {};
  for (const row of rows) {
    if (row.control) continue;
    worst[row.store] = Math.max(worst[row.store] ?? 0, row.accuracy10);
  }
  const result: EnumerationResult = {
    rows,
    worst,
    target: "≤ 0.6 (0.5 = chance) for every reason on every store",
    skipped,
    load: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
    seconds: round((performance.now() - started) / 1000, 1),
  };
  print(result);
  return result;
}

function print(result: EnumerationResult): void {
  for (const reason of result.skipped) console.log(`  skipped ${reason}`);
  console.log(`  machine load (1 min) ${result.load.before} before, ${result.load.after} after`);
  console.log(
    `  accuracy of telling "no such member" from each reason by a threshold on the median of ` +
      `${samplesPerTrial} samples (held-out halves; 0.5 = chance, target ≤ 0.6):`,
  );
  console.table(
    result.rows.map((row) => ({
      store: row.store,
      way: row.way,
      "no such member vs": row.versus,
      trials: row.trials,
      "accuracy (10 samples)": row.accuracy10,
      "accuracy (1 sample)": row.accuracy1,
      "median µs": row.medianUs,
      "Δ median µs": row.differenceUs,
    })),
  );
  const verdicts = Object.entries(result.worst).map(
    ([store, worst]) => `${store} ${worst} ${worst <= 0.6 ? "✓" : "✗"}`,
  );
  console.log(`  worst accuracy (10 samples, controls aside): ${verdicts.join(", ")}`);
}
