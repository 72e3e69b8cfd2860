import { PartnerbookError } from "../../errors.js";
import type { Store, StoreTransaction } from "../../ports/store.js";
import { contactRepository } from "./contacts.js";
import { eventRepository } from "./events.js";
import { groupRepository } from "./groups.js";
import { invitationRepository } from "./invitations.js";
import { memberRepository } from "./members.js";
import { organisationRepository } from "./organisations.js";
import { outboxRepository } from "./outbox.js";
import { qrCodeRepository } from "./qr-codes.js";
import type { SqlClient, SqlQueryable } from "./sql-client.js";
import { sqlState, storeError } from "./sql-errors.js";
import { lostRaces } from "./statements.js";

function repositories(sql: SqlQueryable): StoreTransaction {
  return {
    organisations: organisationRepository(sql),
    members: memberRepository(sql),
    groups: groupRepository(sql),
    contacts: contactRepository(sql),
    invitations: invitationRepository(sql),
    qrCodes: qrCodeRepository(sql),
    events: eventRepository(sql),
    outbox: outboxRepository(sql),
  };
}

/** How {@link postgresStore} re-runs a transaction that lost a race. */
export interface RetryOptions {
  /** Runs in all, the first included. Defaults to 8. */
  readonly attempts?: number | undefined;
  /** The first pause; each later one may be up to twice as long. Defaults to 5 ms. */
  readonly baseDelayMs?: number | undefined;
  /** The longest pause. Defaults to 250 ms. */
  readonly maxDelayMs?: number | undefined;
  /** A number in [0, 1) for the jitter; defaults to `Math.random`. */
  readonly random?: (() => number) | undefined;
  /** How to wait; defaults to `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions {
  readonly retry?: RetryOptions | undefined;
}

// Deadlocks and serialisation failures: PostgreSQL undid the transaction, and running it again
// is the documented answer. A unique key taken by a concurrent transaction (23505) is re-run
// too: the second run reads the winner's row and answers as a single request would (R15's
// existing contact, a re-sent invitation) — if the key is still taken then, it is a CONFLICT.
const transientStates = new Set(["40001", "40P01"]);
const raceStates = new Set(["40001", "40P01", "23505"]);

/**
 * A statement that neither writes nor locks: a SELECT (or WITH … SELECT) without FOR UPDATE or
 * FOR SHARE. Anything else — and anything this does not recognise — begins the transaction.
 */
export function isPlainRead(text: string): boolean {
  return (
    /^\s*(select|with)\b/i.test(text) &&
    !/\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*)\b|\bfor\s+(key\s+)?share\b/i.test(text)
  );
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A {@link Store} on PostgreSQL (a server through node-postgres, or PGlite). Each
 * `transaction` is one SQL transaction at READ COMMITTED. Correct with any number of app
 * processes on one database, without a global lock:
 * - records changed on what was read are read with `{ lock: true }` (`SELECT … FOR UPDATE`), and
 *   every use-case takes its locks in the order the {@link Store} port documents, so two
 *   use-cases never wait on each other in a cycle;
 * - R16's limit is checked against a maintained count per organisation (a trigger keeps it),
 *   locked from the check to commit;
 * - each organisation has its own event log, so organisations never wait on each other;
 * - a transaction that loses a race — a deadlock (40P01), a serialisation failure (40001), a
 *   unique key or a version taken by a concurrent commit — is rolled back and run again, up to
 *   `retry.attempts` times with jittered, growing pauses. A deadlock or serialisation failure
 *   that outlasts them is `TRY_AGAIN` (the request may be repeated as it is); a key or version
 *   still taken is `CONFLICT`.
 *
 * On a client that lends connections (`fromPg`), a transaction sends `BEGIN` only before its
 * first write or locking read (`isPlainRead`), so a use-case that only reads costs its reads
 * alone; this relies on READ COMMITTED, the default the store is documented for.
 *
 * Versioned writes (`WHERE id = $1 AND version = $2`) still refuse a stale `expectedVersion`
 * with `CONFLICT`. A statement PostgreSQL refuses aborts the SQL transaction: unlike the memory
 * store, the transaction cannot carry on after catching it. Run {@link migrate} once before use.
 *
 * @example
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(client);
 * const book = createPartnerbook({ store: postgresStore(client, { retry: { attempts: 10 } }) });
 */
export function postgresStore(client: SqlClient, options: PostgresStoreOptions = {}): Store {
  const attempts = Math.max(1, options.retry?.attempts ?? 8);
  const baseDelayMs = options.retry?.baseDelayMs ?? 5;
  const maxDelayMs = options.retry?.maxDelayMs ?? 250;
  const random = options.retry?.random ?? Math.random;
  const sleep = options.retry?.sleep ?? sleepFor;

  /** `fn` on `sql`; it fails with a failed statement's own error, if any. */
  async function runOn<T>(sql: SqlQueryable, fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    let failed: unknown = null;
    const guarded: SqlQueryable = {
      query: (text, params) =>
        sql.query(text, params).catch((error: unknown) => {
          failed ??= error;
          throw storeError(error);
        }),
    };
    let result: T;
    try {
      result = await fn(repositories(guarded));
    } catch (error) {
      // The statement's own error, not what fn made of it: it tells whether to run again.
      throw failed ?? error;
    }
    if (failed !== null) throw failed;
    return result;
  }

  /**
   * One run in one SQL transaction, begun on a connection of its own just before the first
   * statement that writes or locks. At READ COMMITTED each statement sees what is committed
   * when it starts, inside a transaction or not, so the plain reads before it see what they
   * would have seen inside — and a use-case that only reads sends no `BEGIN` and no `COMMIT`.
   */
  async function run<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (client.connect === undefined) return client.transaction((sql) => runOn(sql, fn));
    const connection = await client.connect();
    let begun = false;
    // A connection whose ROLLBACK failed is in an unknown state: close it rather than reuse it.
    let broken = false;
    try {
      const result = await runOn(
        {
          async query(text, params) {
            if (!begun && !isPlainRead(text)) {
              await connection.query("BEGIN");
              begun = true;
            }
            return connection.query(text, params);
          },
        },
        fn,
      );
      if (begun) await connection.query("COMMIT");
      return result;
    } catch (error) {
      if (begun) {
        try {
          await connection.query("ROLLBACK");
        } catch {
          broken = true;
        }
      }
      throw error;
    } finally {
      connection.release(broken);
    }
  }

  return {
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await run(fn);
        } catch (error) {
          // COMMIT itself may fail (a serialisation failure, a deferred constraint).
          const state = sqlState(error);
          const lost =
            (state !== null && raceStates.has(state)) || (error instanceof Error && lostRaces.has(error));
          if (!lost) throw state === null ? error : storeError(error);
          if (attempt >= attempts) {
            if (state !== null && transientStates.has(state)) {
              throw new PartnerbookError(
                "TRY_AGAIN",
                `concurrent transactions kept colliding (${attempts} attempts); the request may be repeated`,
              );
            }
            throw state === null ? error : storeError(error);
          }
          // Full jitter: colliding transactions spread out instead of colliding again.
          await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
        }
      }
    },
  };
}
