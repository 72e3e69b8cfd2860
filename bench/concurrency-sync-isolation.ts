// Part 2: one organisation edits while another syncs 10,000 contacts (in a worker thread).
import { type ContactId, createPartnerbook, type Member, randomIds } from "partnerbook";
import { fromPg, postgresStore } from "partnerbook/postgres";
import pg from "pg";
import { contactCodec, memberCodec } from "../src/adapters/postgres/rows.js";
import { aLinkedContact, aMember } from "../src/testing/records.js";
import { partnerbookEditor } from "./concurrency-editors.js";
import {
  quantile,
  type StatementRow,
  statementRows,
  type ThroughputRow,
  throughputRow,
} from "./concurrency-rows.js";
import { startWorker } from "./concurrency-start-worker.js";
import { addCounts, countingPool, newCounter, poolConfig, since, snapshot } from "./concurrency-support.js";
import { runWindow, warmUpMs } from "./concurrency-windows.js";
import { addCustomers, createOrganisation } from "./concurrency-world.js";
import { round, sig } from "./harness.js";
import { insertRows } from "./sql-support.js";

const syncFanOut = 10_000;
const ownerOrganisations = 5;
const orgAContacts = 100;
const orgACallers = 4;
const aloneWindowMs = 2_000;
const withSyncWindowMs = 4_000;

export interface SyncSummary {
  readonly operation: string;
  readonly calls: number;
  readonly contactsPerCall: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

export interface IsolationResult {
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

export async function syncIsolation(url: string, schema: string, admin: pg.Pool): Promise<IsolationResult> {
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
