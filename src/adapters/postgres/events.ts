import type { PartnerbookEvent } from "../../events.js";
import type { EventRepository } from "../../ports/store.js";
import { eventRecord, readEvent, text, toJsonb } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { select } from "./statements.js";

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

export function eventRepository(sql: SqlQueryable): EventRepository {
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
