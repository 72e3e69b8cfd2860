// The syncing side of bench/concurrency.bench.ts, in a worker thread of its own: a second app
// instance, with its own event loop and its own pool, so that its JavaScript work (reading,
// folding and writing back 10,000 contacts per call) does not stall the measured edits' event
// loop. On "start" it runs two loops until "stop": member X changes nickname
// (members.updateProfile) and X, as admin, renames organisation B (organisations.rename); each
// call syncs every contact linked to X / to B.
import { parentPort, workerData } from "node:worker_threads";
import { createPartnerbook, type MemberId, type OrganisationId } from "partnerbook";
import { fromPg, postgresStore } from "partnerbook/postgres";
import pg from "pg";
import {
  countingPool,
  newCounter,
  poolConfig,
  type WorkerInput,
  type WorkerMessage,
} from "./concurrency-support.js";

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error("bench/concurrency-sync-worker.ts runs as a worker thread");
const post = (message: WorkerMessage) => port.postMessage(message);

const pool = new pg.Pool(poolConfig(input.url, input.schema, 2, "partnerbook_bench_sync"));
pool.on("error", () => {}); // an idle client dropped by the server: the pool replaces it
const counter = newCounter();
const book = createPartnerbook({ store: postgresStore(fromPg(countingPool(pool, counter))) });
const memberId = input.memberId as MemberId;
const organisationId = input.organisationId as OrganisationId;
// Instants on the bench thread's performance.now() clock.
const offset = performance.timeOrigin - input.timeOrigin;
const now = () => performance.now() + offset;

let lastCount = 0;
book.events.subscribe((event) => {
  if (event.type === "contacts_synced") lastCount = event.count;
});

let running = false;

async function loop(operation: "updateProfile" | "rename", call: (i: number) => Promise<unknown>) {
  for (let i = 0; running; i++) {
    const startedAt = now();
    lastCount = 0;
    await call(i);
    post({ type: "synced", operation, count: lastCount, startedAt, ms: now() - startedAt });
  }
}

let loops: Promise<unknown> | null = null;

port.on("message", (message: "start" | "stop") => {
  if (message === "start" && loops === null) {
    running = true;
    loops = Promise.all([
      loop("updateProfile", (i) =>
        book.members.updateProfile(memberId, { nickname: i % 2 === 0 ? "えっくす・あ" : "えっくす・い" }),
      ),
      loop("rename", (i) =>
        book.organisations.rename(
          memberId,
          organisationId,
          i % 2 === 0 ? "株式会社ビー商事" : "ビー商事株式会社",
        ),
      ),
    ]).catch((error: unknown) => {
      running = false;
      post({
        type: "failed",
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    });
  } else if (message === "stop") {
    running = false;
    void (async () => {
      await loops;
      await pool.end();
      post({
        type: "stopped",
        statements: counter.statements,
        transactions: counter.transactions,
        errors: Object.fromEntries(counter.errors),
        byKind: Object.fromEntries(counter.byKind),
      });
      port.close();
    })();
  }
});
post({ type: "ready" });
