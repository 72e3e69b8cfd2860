import type { GroupId, MemberId, OrganisationId } from "../../domain/ids.js";
import type { Party } from "../../domain/linking.js";
import { PartnerbookError } from "../../errors.js";
import type { PartnerbookEvent } from "../../events.js";
import type {
  EventRepository,
  GroupRepository,
  InvitationRepository,
  MemberRepository,
  OrganisationRepository,
  OutboxRepository,
  QrCodeRepository,
  Store,
  StoreTransaction,
} from "../../ports/store.js";
import { contactRepository } from "./contacts.js";
import {
  date,
  eventRecord,
  fromJsonb,
  groupCodec,
  invitationCodec,
  memberCodec,
  organisationCodec,
  type Row,
  readEvent,
  text,
  toJsonb,
} from "./rows.js";
import type { SqlClient, SqlQueryable } from "./sql-client.js";
import { sqlState, storeError } from "./sql-errors.js";
import {
  deleteRecord,
  getById,
  insertRecord,
  lockClause,
  lostRaces,
  select,
  selectRecords,
  updateRecord,
} from "./statements.js";

function organisationRepository(sql: SqlQueryable): OrganisationRepository {
  return {
    get: (id, options) => getById(sql, organisationCodec, id, options),
    insert: (organisation) => insertRecord(sql, organisationCodec, organisation),
    update: (organisation, expected) => updateRecord(sql, organisationCodec, organisation, expected),
  };
}

/**
 * R10: the parties of the members `match` selects (a condition on `c`, a member), in id order —
 * or, when it selects none, `standIn`'s. One statement, and one party's worth of work at least,
 * whether the member exists or not (see the port).
 */
async function selectCandidates(
  sql: SqlQueryable,
  match: string,
  params: unknown[],
  standIn: MemberId,
): Promise<Party[]> {
  const rows = await select(
    sql,
    `with found as (select c.id from partnerbook_members c where ${match}),
       wanted as (select id from found
                  union all
                  select $${params.length + 1}::text collate "C" where not exists (select from found))
     select to_jsonb(m) as member, to_jsonb(o) as organisation
     from wanted w
       join partnerbook_members m on m.id = w.id
       join partnerbook_organisations o on o.id = m.organisation_id
     order by m.id`,
    [...params, standIn],
  );
  return rows.map((row) => ({
    member: memberCodec.read(fromJsonb<Row>(row.member)),
    organisation: organisationCodec.read(fromJsonb<Row>(row.organisation)),
  }));
}

function memberRepository(sql: SqlQueryable): MemberRepository {
  return {
    get: (id, options) => getById(sql, memberCodec, id, options),
    // One round trip for what every use-case loads about its actor.
    getParty: async (id) => {
      const [row] = await select(
        sql,
        `select to_jsonb(m) as member, to_jsonb(o) as organisation,
           array(select g.id from partnerbook_groups g where g.members @> jsonb_build_array(m.id)
                 order by g.name, g.id) as group_ids
         from partnerbook_members m join partnerbook_organisations o on o.id = m.organisation_id
         where m.id = $1`,
        [id],
      );
      if (row === undefined) return null;
      return {
        member: memberCodec.read(fromJsonb<Row>(row.member)),
        organisation: organisationCodec.read(fromJsonb<Row>(row.organisation)),
        groupIds: row.group_ids as GroupId[],
      };
    },
    listByOrganisation: (organisationId, { after, limit }) =>
      after === null
        ? selectRecords(sql, memberCodec, "where organisation_id = $1 order by id limit $2", [
            organisationId,
            limit,
          ])
        : selectRecords(sql, memberCodec, "where organisation_id = $1 and id > $2 order by id limit $3", [
            organisationId,
            after,
            limit,
          ]),
    findByWorksId: async (normalised) =>
      (await selectRecords(sql, memberCodec, "where works_id_key = $1", [normalised]))[0] ?? null,
    findByPhone: (e164) =>
      selectRecords(sql, memberCodec, "where mobile_phone_e164 = $1 order by id", [e164]),
    findCandidatesByWorksId: (normalised, standIn) =>
      selectCandidates(sql, "c.works_id_key = $1", [normalised], standIn),
    // R8: filtered in the statement, so a member who does not allow it is never read out.
    findCandidatesByPhone: (e164, standIn) =>
      selectCandidates(sql, "c.mobile_phone_e164 = $1 and c.allow_search_by_phone", [e164], standIn),
    findByEmail: (email) =>
      selectRecords(sql, memberCodec, "where email_key = $1 order by id", [email.toLowerCase()]),
    insert: (member) => insertRecord(sql, memberCodec, member),
    update: (member, expected) => updateRecord(sql, memberCodec, member, expected),
    delete: (id, expected) => deleteRecord(sql, memberCodec.table, id, expected),
  };
}

function groupRepository(sql: SqlQueryable): GroupRepository {
  return {
    get: (id, options) => getById(sql, groupCodec, id, options),
    listByOrganisation: (organisationId) =>
      selectRecords(sql, groupCodec, "where organisation_id = $1 order by name, id", [organisationId]),
    listByMember: (memberId) =>
      selectRecords(sql, groupCodec, "where members @> jsonb_build_array($1::text) order by name, id", [
        memberId,
      ]),
    insert: (group) => insertRecord(sql, groupCodec, group),
    update: (group, expected) => updateRecord(sql, groupCodec, group, expected),
    delete: (id, expected) => deleteRecord(sql, groupCodec.table, id, expected),
  };
}

function invitationRepository(sql: SqlQueryable): InvitationRepository {
  return {
    get: (id, options) => getById(sql, invitationCodec, id, options),
    findByTokenHash: async (hash, options) =>
      (await selectRecords(sql, invitationCodec, `where token_hash = $1${lockClause(options)}`, [hash]))[0] ??
      null,
    findByInviterAndEmail: async (inviterId, email, options) =>
      (
        await selectRecords(
          sql,
          invitationCodec,
          `where inviter_id = $1 and email = $2${lockClause(options)}`,
          [inviterId, email],
        )
      )[0] ?? null,
    listByInviter: (inviterId) =>
      selectRecords(sql, invitationCodec, "where inviter_id = $1 order by created_at desc, id desc", [
        inviterId,
      ]),
    insert: (invitation) => insertRecord(sql, invitationCodec, invitation),
    update: (invitation, expected) => updateRecord(sql, invitationCodec, invitation, expected),
  };
}

function qrCodeRepository(sql: SqlQueryable): QrCodeRepository {
  return {
    // R20: only the token's hash is stored, and looked up.
    findMember: async (tokenHash) => {
      const [row] = await select(sql, "select member_id from partnerbook_qr_codes where token_hash = $1", [
        tokenHash,
      ]);
      return row === undefined ? null : (row.member_id as MemberId);
    },
    get: async (memberId) => {
      const [row] = await select(
        sql,
        "select generation, token_hash from partnerbook_qr_codes where member_id = $1",
        [memberId],
      );
      return row === undefined
        ? null
        : { generation: Number(row.generation), tokenHash: text(row.token_hash) };
    },
    // R13: a new code replaces the member's old one. A token already issued, to anyone,
    // even to this member, is never issued again: CONFLICT (another member: unique index).
    set: async (memberId, { generation, tokenHash }) => {
      const written = await select(
        sql,
        `insert into partnerbook_qr_codes (member_id, generation, token_hash) values ($1, $2, $3)
         on conflict (member_id) do update
           set generation = excluded.generation, token_hash = excluded.token_hash
         where partnerbook_qr_codes.token_hash <> excluded.token_hash
         returning member_id`,
        [memberId, generation, tokenHash],
      );
      if (written.length === 0) throw new PartnerbookError("CONFLICT", "token already issued");
    },
  };
}

// R35: each organisation's row of partnerbook_event_logs is bumped by its number of events, which
// locks it until this transaction ends, so its log has no gaps and sequences become visible in
// order. The rows are upserted in organisation id order (the Store's lock order); each event then
// takes `last - count + its place among the organisation's events`.
const appendEvents = `
with incoming as (
  select e.*, row_number() over (partition by e.organisation_id order by e.ordinal) as nth,
    count(*) over (partition by e.organisation_id) as total
  from rows from (jsonb_to_recordset($1::jsonb) as (organisation_id text collate "C", id text,
      type text, at timestamptz, actor_id text, payload jsonb, subject_id text))
    with ordinality as e(organisation_id, id, type, at, actor_id, payload, subject_id, ordinal)
),
logs as (
  insert into partnerbook_event_logs as logs (organisation_id, last_sequence)
  select distinct organisation_id, total from incoming order by organisation_id
  on conflict (organisation_id) do update set last_sequence = logs.last_sequence + excluded.last_sequence
  returning organisation_id, last_sequence
)
insert into partnerbook_events (organisation_id, sequence, id, type, at, actor_id, payload, subject_id)
select i.organisation_id, logs.last_sequence - i.total + i.nth, i.id, i.type, i.at, i.actor_id,
  i.payload, i.subject_id
from incoming i join logs using (organisation_id)
returning id, sequence`;

function eventRepository(sql: SqlQueryable): EventRepository {
  return {
    appendAll: async (events) => {
      if (events.length === 0) return [];
      const rows = await select(sql, appendEvents, [toJsonb(events.map(eventRecord))]);
      // Only the sequences come back: the rest is what was sent (RETURNING follows no order).
      const sequences = new Map(rows.map((row) => [text(row.id), Number(row.sequence)]));
      return events.map((event) => ({ ...event, sequence: sequences.get(event.id) }) as PartnerbookEvent);
    },
    list: async ({ organisationId, after, limit, subjectId }) =>
      (
        await select(
          sql,
          subjectId === undefined
            ? `select organisation_id, sequence, id, type, at, actor_id, payload from partnerbook_events
               where organisation_id = $1 and sequence > $2 order by sequence limit $3`
            : `select organisation_id, sequence, id, type, at, actor_id, payload from partnerbook_events
               where organisation_id = $1 and subject_id = $4 and sequence > $2
               order by sequence limit $3`,
          subjectId === undefined
            ? [organisationId, after, limit]
            : [organisationId, after, limit, subjectId],
        )
      ).map(readEvent),
  };
}

function outboxRepository(sql: SqlQueryable): OutboxRepository {
  return {
    // R20: `mail` holds the message the app sealed, as a JSON string; rows queued before mail
    // was sealed hold the mail itself, as an object. `#>> '{}'` reads either as text: the
    // string, or the object's JSON (which the app sends as it is).
    put: async ({ key, organisationId, idempotencyKey, message, at }) => {
      await sql.query(
        `insert into partnerbook_outbox
           (key, organisation_id, idempotency_key, mail, attempts, available_at, last_error, created_at)
         values ($1, $2, $3, to_jsonb($4::text), 0, $5, null, $5)
         on conflict (key) do update set organisation_id = excluded.organisation_id,
           idempotency_key = excluded.idempotency_key, mail = excluded.mail, attempts = 0,
           available_at = excluded.available_at, last_error = null, created_at = excluded.created_at`,
        [key, organisationId, idempotencyKey, message, at],
      );
    },
    // Claimed rows are leased by moving available_at to `until`; SKIP LOCKED lets several
    // delivery runs claim side by side without waiting on each other.
    claim: async ({ now, until, limit, keys }) => {
      const rows = await select(
        sql,
        `with due as (
           select key from partnerbook_outbox
           where available_at <= $1 and ($4::text[] is null or key = any($4::text[]))
           order by available_at, key limit $3 for update skip locked
         )
         update partnerbook_outbox as o set attempts = o.attempts + 1, available_at = $2
         from due where o.key = due.key
         returning o.key, o.organisation_id, o.idempotency_key, o.mail #>> '{}' as message,
           o.attempts - 1 as attempts, o.created_at`,
        [now, until, limit, keys === undefined ? null : [...keys]],
      );
      return rows
        .sort(
          (a, b) =>
            Number(date(a.created_at)) - Number(date(b.created_at)) || (text(a.key) < text(b.key) ? -1 : 1),
        )
        .map((row) => ({
          key: text(row.key),
          organisationId: text(row.organisation_id) as OrganisationId,
          idempotencyKey: text(row.idempotency_key),
          message: text(row.message),
          attempts: Number(row.attempts),
        }));
    },
    delivered: async (key, idempotencyKey) => {
      await sql.query("delete from partnerbook_outbox where key = $1 and idempotency_key = $2", [
        key,
        idempotencyKey,
      ]);
    },
    failed: async (key, idempotencyKey, retryAt, error) => {
      await sql.query(
        `update partnerbook_outbox set available_at = $3, last_error = $4
         where key = $1 and idempotency_key = $2`,
        [key, idempotencyKey, retryAt, error],
      );
    },
    countPending: async () => {
      const [row] = await select(sql, "select count(*)::integer as pending from partnerbook_outbox");
      return Number(row?.pending ?? 0);
    },
  };
}

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
