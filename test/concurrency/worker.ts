// One app process of the multi-process suite (processes.test.ts starts several): its own
// connection pool and its own partnerbook on the shared PostgreSQL server, driven over IPC.
//
//   parent → { kind: "prepare", id, now?, mailDelayMs?, calls }   worker → { id, ready: true }
//   parent → { kind: "go" }                                       worker → { id, outcomes }
//   parent → { kind: "loop", id, call }  (calls `call` with a fresh address until killed)
//
// "prepare" only builds the book; every worker fires its calls when the parent says "go" to
// all of them at once, so the calls of different processes meet at the database.
import pg from "pg";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  type Mailer,
  manualClock,
  type Partnerbook,
} from "../../src/index.js";
import { fromPg, postgresStore } from "../../src/postgres.js";
import { testSecret } from "../support/builders.js";

/** One API call: `book[group][method](...args)`. */
export interface Call {
  readonly group: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** What a call came to: its value, or the code it was refused with. */
export type Outcome = { readonly value: unknown } | { readonly code: string };

interface Settings {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
}

const settings = JSON.parse(process.env.PARTNERBOOK_WORKER ?? "{}") as Settings;
const pool = new pg.Pool({
  connectionString: settings.url,
  max: settings.poolSize,
  options: `-c search_path=${settings.schema}`,
});

/** Records every mail it is handed, outside any partnerbook transaction, before it answers. */
function recordingMailer(delayMs: number): Mailer {
  return {
    async send(message) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await pool.query(
        "insert into test_sent_mail (pid, idempotency_key, recipient, text) values ($1, $2, $3, $4)",
        [process.pid, message.idempotencyKey, message.to, message.text],
      );
    },
  };
}

function bookFor(message: { now?: string; mailDelayMs?: number }): Partnerbook {
  return createPartnerbook({
    store: postgresStore(fromPg(pool), { retry: { attempts: 20 } }),
    ...(message.now === undefined ? {} : { clock: manualClock(new Date(message.now)) }),
    mailer: recordingMailer(message.mailDelayMs ?? 0),
    inviteBaseUrl: "https://app.example/invite",
    // Every process of a deployment has the same secret: one derives the QR code another shows.
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
}

async function settle(book: Partnerbook, call: Call): Promise<Outcome> {
  const group = (book as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
    call.group
  ];
  try {
    const method = group?.[call.method];
    if (method === undefined) throw new Error(`no ${call.group}.${call.method}`);
    return { value: await method.apply(group, [...call.args]) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === "string" ? code : `${String(error)}` };
  }
}

let prepared: { id: number; book: Partnerbook; calls: readonly Call[] } | null = null;

process.on("message", async (raw) => {
  const message = raw as {
    kind: "prepare" | "go" | "loop";
    id: number;
    now?: string;
    mailDelayMs?: number;
    calls?: readonly Call[];
    call?: Call;
  };
  if (message.kind === "prepare") {
    prepared = { id: message.id, book: bookFor(message), calls: message.calls ?? [] };
    process.send?.({ id: message.id, ready: true });
  } else if (message.kind === "go" && prepared !== null) {
    const { id, book, calls } = prepared;
    prepared = null;
    const outcomes = await Promise.all(calls.map((call) => settle(book, call)));
    process.send?.({ id, outcomes });
  } else if (message.kind === "loop" && message.call !== undefined) {
    const book = bookFor(message);
    const call = message.call;
    process.send?.({ id: message.id, ready: true });
    for (let n = 0; ; n++) {
      // Each round invites a new address, so every invitation is someone's first.
      const args = call.args.map((arg) => (arg === "$address" ? [`p${process.pid}-${n}@example.jp`] : arg));
      await settle(book, { ...call, args });
    }
  }
});

process.send?.({ id: 0, ready: true });
