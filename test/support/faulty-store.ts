import type { PGlite } from "@electric-sql/pglite";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { partnerbookTables } from "../../src/adapters/postgres/migrations.js";
import type { Store, StoreTransaction } from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { countingClient } from "./counting-client.js";
import { freshPglite } from "./pglite.js";

/**
 * A store implementation the reliability suites run against: how to open an empty one and how
 * to read back everything it holds, as plain data `toEqual` can compare ("nothing changed").
 */
export interface StoreUnderTest {
  readonly name: string;
  makeStore(): Promise<Store>;
  snapshot(store: Store): Promise<unknown>;
  /**
   * How many statements `store` has sent to its database so far, where it has one: while the
   * count stands still nothing can have changed, and a suite may skip the slower snapshot.
   */
  statementsSent?(store: Store): number;
  /**
   * Where the store can put rows back faster than a suite can write them through the book: keeps
   * what `store` holds now, and answers a function that empties the database, puts exactly
   * that back and opens a new store on it.
   */
  savePoint?(store: Store): Promise<() => Promise<Store>>;
}

/** The reference store. */
export const memoryStoreUnderTest: StoreUnderTest = {
  name: "memory",
  makeStore: async () => memoryStore(),
  snapshot: async (store) => (store as MemoryStore).snapshot(),
};

// One PGlite per test file (it takes seconds and hundreds of MB to start), emptied per store.
let pglite: Promise<{ db: PGlite; client: SqlClient }> | undefined;
function sharedPglite() {
  pglite ??= (async () => {
    const db = await freshPglite();
    const client = fromPglite(db);
    await migrate(client);
    return { db, client };
  })();
  return pglite;
}

const sentBy = new WeakMap<Store, readonly string[]>();

function countedStore(client: SqlClient): Store {
  const counted = countingClient(client);
  const store = postgresStore(counted.client);
  sentBy.set(store, counted.statements);
  return store;
}

// Every row of every table as JSON, each table in a fixed order: equal exactly when the rows are.
const wholeStoreQuery = `select json_build_object(${partnerbookTables
  .map((table) => `'${table}', (select coalesce(json_agg(row order by row::text), '[]') from ${table} row)`)
  .join(", ")}) as tables`;

/** PostgreSQL in process: the adapter a server deployment runs, on an embedded database. */
export const pgliteStoreUnderTest: StoreUnderTest = {
  name: "PGlite",
  makeStore: async () => {
    const { client } = await sharedPglite();
    await emptyPartnerbookTables(client);
    return countedStore(client);
  },
  savePoint: async () => {
    const { client } = await sharedPglite();
    const tables = (await client.query(wholeStoreQuery)).rows[0]?.tables as Record<string, unknown[]>;
    return async () => {
      await client.transaction(async (sql) => {
        // Triggers off (the rows put back already hold what they derived), foreign keys too:
        // parents and children go back in one statement each, in any order.
        await sql.query("set local session_replication_role = replica");
        for (const table of partnerbookTables) {
          await sql.query(`delete from ${table}`);
          await sql.query(
            `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`,
            [JSON.stringify(tables[table] ?? [])],
          );
        }
      });
      return countedStore(client);
    };
  },
  statementsSent: (store) => sentBy.get(store)?.length ?? Number.NaN,
  snapshot: async () => {
    const { client } = await sharedPglite();
    // One query for every table: a snapshot is taken around each of thousands of probes, and
    // on PGlite the round trips, not the rows, were most of its cost.
    return (await client.query(wholeStoreQuery)).rows[0]?.tables;
  },
};

/**
 * Every store the reliability suites prove; a new adapter adds itself here. `npm run test:fast`
 * sets PARTNERBOOK_TEST_STORES=memory to prove memory alone (npm test proves them all).
 */
export const storesUnderTest: readonly StoreUnderTest[] =
  process.env.PARTNERBOOK_TEST_STORES === "memory"
    ? [memoryStoreUnderTest]
    : [memoryStoreUnderTest, pgliteStoreUnderTest];

/** Runs one repository call (`label` is `"contacts.update"`); `run` performs it on the real store. */
export type CallInterceptor = (label: string, run: () => Promise<unknown>) => Promise<unknown>;

/** Runs one transaction; `run` opens it on the real store. */
export type TransactionInterceptor = <T>(run: () => Promise<T>) => Promise<T>;

// Typed as a complete record so that a repository added to the port cannot escape the wrapper.
const repositoryNames: { readonly [K in keyof StoreTransaction]: K } = {
  organisations: "organisations",
  members: "members",
  groups: "groups",
  contacts: "contacts",
  invitations: "invitations",
  qrCodes: "qrCodes",
  events: "events",
  outbox: "outbox",
};

function interceptRepository<R extends object>(name: string, repository: R, call: CallInterceptor): R {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        call(`${name}.${String(property)}`, () => Promise.resolve(value.apply(target, args)));
    },
  });
}

/**
 * `inner`, with every transaction and every repository call of every transaction passed through
 * the interceptors: the one seam both fault injection and scheduled interleaving use.
 */
export function interceptStore(
  inner: Store,
  interceptors: { transaction?: TransactionInterceptor; call?: CallInterceptor },
): Store {
  const call: CallInterceptor = interceptors.call ?? ((_label, run) => run());
  const transaction: TransactionInterceptor = interceptors.transaction ?? ((run) => run());
  return {
    transaction: (fn) =>
      transaction(() =>
        inner.transaction((tx) => {
          const wrapped = {} as Record<keyof StoreTransaction, object>;
          for (const name of Object.values(repositoryNames)) {
            wrapped[name] = interceptRepository(name, tx[name], call);
          }
          return fn(wrapped as unknown as StoreTransaction);
        }),
      ),
  };
}

/** The message of every fault a {@link faultyStore} injects. */
export const injectedFaultMessage = "injected fault";

/** True for the error a {@link faultyStore} threw. */
export function isInjectedFault(error: unknown): boolean {
  return error instanceof Error && error.message === injectedFaultMessage;
}

/** Where the k-th call fails. */
export interface FaultOptions {
  /** The 1-based index of the repository call that throws; absent: only count. */
  readonly failAt?: number;
  /**
   * `"before"` (default): the call never reaches the store, as a lost connection would.
   * `"after"`: the call takes effect, then throws, so the transaction must undo a real write.
   */
  readonly when?: "before" | "after";
}

/** A {@link Store} that counts repository calls and can make one of them throw. */
export interface FaultyStore extends Store {
  /** Repository calls made since creation or the last {@link FaultyStore.arm}. */
  readonly calls: number;
  /** Their labels (`"contacts.update"`), in order: what to print when a fault test fails. */
  readonly trace: readonly string[];
  /** Whether the armed fault has been thrown. */
  readonly fired: boolean;
  /** Starts counting afresh, failing the `failAt`-th call from now (once). */
  arm(options: FaultOptions): void;
}

/**
 * `inner`, counting every method call on every repository of every transaction and throwing
 * `Error("injected fault")` at the `failAt`-th. Without `failAt` it only counts: run an
 * operation once to learn its `calls`, then once per k with `arm({ failAt: k })`.
 *
 * @example
 * const store = faultyStore(memoryStore());
 * store.arm({ failAt: 3 });
 * await book.contacts.addCustomer(me, input); // rejects with "injected fault" at the 3rd call
 */
export function faultyStore(inner: Store, options: FaultOptions = {}): FaultyStore {
  let calls = 0;
  let trace: string[] = [];
  let fired = false;
  let armed = options;

  const fault = (label: string) => {
    fired = true;
    return Object.assign(new Error(injectedFaultMessage), { call: label, index: calls });
  };

  const intercepted = interceptStore(inner, {
    call: async (label, run) => {
      calls++;
      trace.push(label);
      const failing = calls === armed.failAt && !fired;
      if (failing && armed.when !== "after") throw fault(label);
      const result = await run();
      if (failing) throw fault(label);
      return result;
    },
  });

  return {
    transaction: intercepted.transaction,
    get calls() {
      return calls;
    },
    get trace() {
      return trace;
    },
    get fired() {
      return fired;
    },
    arm(next) {
      calls = 0;
      trace = [];
      fired = false;
      armed = next;
    },
  };
}
