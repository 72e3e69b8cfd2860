// The SQL plans the report shows: which listings are explained on PGlite, and how they print.
import { encodeCursor, sortKeyOf } from "partnerbook";
import { queryOperation } from "./adapters-operations.js";
import type { PlanRow, pgliteAdapter } from "./adapters-pglite.js";
import { at, type BookWorld, commonReadingQuery } from "./fixtures.js";

/** The listing operations whose SQL plans the report shows. */
export async function listingPlans(
  world: BookWorld,
  explain: ReturnType<typeof pgliteAdapter>["explainSlowest"],
): Promise<PlanRow[]> {
  const { book, owner, size } = world;
  const middle = await book.contacts.get(owner, at(world.contactIds, size >> 1));
  const cursor = encodeCursor({ sortKey: sortKeyOf(middle), id: middle.id });
  const listings: [string, () => Promise<unknown>][] = [
    ["contacts.list customers, first page of 50", () => book.contacts.list(owner, { limit: 50 })],
    [
      "contacts.list customers, page of 50 at a random cursor",
      () => book.contacts.list(owner, { cursor, limit: 50 }),
    ],
    [queryOperation, () => book.contacts.list(owner, { query: commonReadingQuery, limit: 50 })],
    ["contacts.get", () => book.contacts.get(owner, middle.id)],
  ];
  const plans: PlanRow[] = [];
  for (const [operation, call] of listings) plans.push({ operation, size, ...(await explain(call)) });
  return plans;
}

export function printPlans(plans: readonly PlanRow[]): void {
  console.log("  PGlite plans (EXPLAIN ANALYZE of the slowest statement of each call):");
  for (const { operation, size, executionMs, plan } of plans) {
    console.log(`    ${operation}, N=${size.toLocaleString("en")}: ${executionMs} ms`);
    for (const line of plan) console.log(`      ${line}`);
  }
}
