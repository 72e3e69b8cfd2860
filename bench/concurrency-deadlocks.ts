// Part 3's database-wide figure: pg_stat_database's count of deadlocks, read before and after.
import type pg from "pg";

export async function deadlockCount(admin: pg.Pool): Promise<number> {
  const { rows } = await admin.query(
    "select deadlocks from pg_stat_database where datname = current_database()",
  );
  return Number(rows[0]?.deadlocks ?? 0);
}
