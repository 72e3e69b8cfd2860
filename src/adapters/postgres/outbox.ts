import type { OrganisationId } from "../../domain/ids.js";
import type { OutboxRepository } from "../../ports/store.js";
import { date, text } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { select } from "./statements.js";

export function outboxRepository(sql: SqlQueryable): OutboxRepository {
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
