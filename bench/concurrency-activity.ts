// pg_stat_activity, sampled while the callers run: which of their backends wait on a lock, by
// wait event, and whether a backend not of theirs blocks them.
import type pg from "pg";

export const sampleEveryMs = 20;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sums over pg_stat_activity samples. */
export interface Activity {
  readonly samples: number;
  /** The callers' backends running a statement (waiting ones included). */
  readonly active: number;
  /** The callers' backends waiting on a heavyweight lock, by wait_event (transactionid, tuple, extend, …). */
  readonly waitingOnLock: Record<string, number>;
  /** …of which blocked by a backend that is not one of these callers (another app name). */
  readonly blockedByOthers: number;
  /** Client backends running a statement that belong to nothing of this bench (other users of the server). */
  readonly foreignActive: number;
}

/** Polls pg_stat_activity for the backends named `applicationName` until stopped. */
export function sampleActivity(admin: pg.Pool, applicationName: string): () => Promise<Activity> {
  let running = true;
  const totals = {
    samples: 0,
    active: 0,
    waitingOnLock: {} as Record<string, number>,
    blockedByOthers: 0,
    foreignActive: 0,
  };
  const done = (async () => {
    while (running) {
      const { rows } = await admin.query(
        `select a.state, a.wait_event_type, a.wait_event,
                a.wait_event_type = 'Lock' and exists (
                  select 1 from pg_stat_activity b
                  where b.pid = any(pg_blocking_pids(a.pid)) and b.application_name is distinct from $1
                ) as blocked_by_others,
                0 as foreign_active
         from pg_stat_activity a where a.application_name = $1
         union all
         select null, null, null, false,
                (select count(*) from pg_stat_activity o
                 where o.state = 'active' and o.backend_type = 'client backend'
                   and o.application_name not like 'partnerbook\\_bench\\_%')::int
         limit 1000`,
        [applicationName],
      );
      totals.samples++;
      for (const row of rows) {
        if (row.state === null) {
          totals.foreignActive += Number(row.foreign_active);
          continue;
        }
        if (row.state === "active") totals.active++;
        if (row.wait_event_type === "Lock") {
          const kind = String(row.wait_event);
          totals.waitingOnLock[kind] = (totals.waitingOnLock[kind] ?? 0) + 1;
          if (row.blocked_by_others === true) totals.blockedByOthers++;
        }
      }
      await sleep(sampleEveryMs);
    }
  })();
  return async () => {
    running = false;
    await done;
    return totals;
  };
}
