// R23 at write time: `members.updateProfile` (a nickname change) rewrites every contact linked
// to the member, in the same transaction. Its cost should follow the fan-out k — the number of
// contacts linked to the member — and not the store's total. Two external members are linked
// from k = 100 and k = 10,000 contacts (one per owner: R15 allows one contact per owner and
// external user, so the world has 10,000 owners), in stores of two totals; ratios:
//   time(k = 10,000) / time(k = 100) at the same total    — target 80–130× (linear in k)
//   time(k, larger total) / time(k, smaller total)        — target ≈ 1 (independent of total)
// and, from the two fan-outs, the cost of each further contact and the fixed cost of a call.
// Each call alternates the nickname between two values, so every call changes it.
import { memoryStore } from "partnerbook/memory";
import { buildSyncWorld, type MakeStore, type SyncWorld } from "./fixtures.js";
import { collectGarbage, type Measured, measure, ratio, round, sig } from "./harness.js";

export interface SyncRow extends Measured {
  readonly total: number;
  readonly fanOut: number;
  /** CPU µs per contact rewritten. */
  readonly cpuUsPerContact: number;
  /** Building the world; not timed. */
  readonly buildSeconds: number;
}

export interface SyncResult {
  readonly rows: readonly SyncRow[];
  readonly ratios: Record<string, unknown>;
}

const nicknames = ["にっく・あ", "にっく・い"];

async function measureWorld(world: SyncWorld, fanOuts: readonly number[]): Promise<SyncRow[]> {
  const rows: SyncRow[] = [];
  for (const k of fanOuts) {
    const target = world.targets.get(k);
    if (target === undefined) throw new Error(`no target for k=${k}`);
    let count = 0;
    const unsubscribe = world.book.events.subscribe((event) => {
      if (event.type === "contacts_synced") count = event.count;
    });
    const synced = await world.book.members.updateProfile(target, { nickname: "しょきか" });
    unsubscribe();
    if (synced.nickname !== "しょきか" || count !== k) {
      throw new Error(`k=${k}: the first update did not sync exactly ${k} contacts`);
    }
    const measured = await measure(
      `updateProfile k=${k} total=${world.total}`,
      (i) => world.book.members.updateProfile(target, { nickname: nicknames[i & 1] as string }),
      { budgetMs: 1_500, minSamples: k >= 1_000 ? 12 : 60, sampleMs: 1 },
    );
    rows.push({
      total: world.total,
      fanOut: k,
      ...measured,
      cpuUsPerContact: sig(measured.cpuMedianUs / k),
      buildSeconds: round(world.buildSeconds, 1),
    });
  }
  return rows;
}

/** Builds a store of each total on `makeStore` and times the fan-outs in it. */
export async function suite(
  makeStore: MakeStore,
  totals: readonly number[],
  fanOuts: readonly number[] = [100, 10_000],
): Promise<SyncResult> {
  const rows: SyncRow[] = [];
  for (const total of totals) {
    collectGarbage();
    console.log(`  building a store of ${total.toLocaleString("en")} contacts over 10,000 owners…`);
    let world: SyncWorld | null = await buildSyncWorld(makeStore, total, fanOuts);
    collectGarbage();
    console.log(`  built in ${round(world.buildSeconds, 1)} s; measuring…`);
    rows.push(...(await measureWorld(world, fanOuts)));
    world = null;
  }
  collectGarbage();
  const find = (total: number, k: number) => rows.find((row) => row.total === total && row.fanOut === k);
  const small = Math.min(...fanOuts);
  const large = Math.max(...fanOuts);
  const ratios: Record<string, unknown> = {};
  for (const total of totals) {
    ratios[`time(k=${large}) / time(k=${small}) at total ${total}`] = {
      cpu: ratio(find(total, large)?.cpuMedianUs, find(total, small)?.cpuMedianUs),
      wall: ratio(find(total, large)?.wallMedianUs, find(total, small)?.wallMedianUs),
      target: `80–130 (k grows ${large / small}×)`,
    };
    // What each further contact costs, the use-case's fixed part taken out: below 80× above,
    // the fixed part (loading and checking the member, the event) outweighs 100 contacts.
    const [few, many] = [find(total, small)?.cpuMedianUs, find(total, large)?.cpuMedianUs];
    ratios[`CPU µs per further contact at total ${total}`] =
      few === undefined || many === undefined ? null : sig((many - few) / (large - small));
    ratios[`fixed CPU µs per call at total ${total}`] =
      few === undefined || many === undefined ? null : sig(few - ((many - few) / (large - small)) * small);
  }
  const [lower, upper] = [Math.min(...totals), Math.max(...totals)];
  if (lower !== upper) {
    for (const k of fanOuts) {
      ratios[`time(k=${k}, total ${upper}) / time(k=${k}, total ${lower})`] = {
        cpu: ratio(find(upper, k)?.cpuMedianUs, find(lower, k)?.cpuMedianUs),
        wall: ratio(find(upper, k)?.wallMedianUs, find(lower, k)?.wallMedianUs),
        target: "≈ 1 (independent of total)",
      };
    }
  }
  return { rows, ratios };
}

export const totals = [30_000, 300_000] as const;

/** The memory store: fan-outs of 100 and 10,000 in stores of 30k and 300k contacts. */
export async function run(): Promise<SyncResult> {
  const result = await suite(memoryStore, totals);
  console.table(
    result.rows.map((row) => ({
      total: row.total,
      k: row.fanOut,
      "CPU ms": sig(row.cpuMedianUs / 1000),
      "wall ms": sig(row.wallMedianUs / 1000),
      "min wall ms": sig(row.wallMinUs / 1000),
      "rme %": row.wallRmePercent,
      "CPU µs/contact": row.cpuUsPerContact,
      samples: row.samples,
      "build s": row.buildSeconds,
    })),
  );
  for (const [label, value] of Object.entries(result.ratios))
    console.log(`    ${label}: ${JSON.stringify(value)}`);
  return result;
}
