// purgeExpired on a SQL store against a bare DELETE of the same rows: the statements it sends,
// and its wall time over the DELETE's (also used by bench/scale.bench.ts).
import {
  type ContactId,
  type CustomerContact,
  createPartnerbook,
  type MemberId,
  manualClock,
  type OrganisationId,
  privateSharing,
  randomIds,
  type TrashState,
} from "partnerbook";
import { postgresStore, type SqlClient } from "partnerbook/postgres";
import { contactCodec } from "../src/adapters/postgres/rows.js";
import { emptyOwnerFields } from "../src/domain/contact.js";
import { countingClient } from "../test/support/counting-client.js";
import { median, round } from "./harness.js";
import { day, surnames } from "./purge-fixtures.js";
import { insertRows } from "./sql-support.js";

/** purgeExpired of `sqlDue` contacts against a bare DELETE of the same rows, over samples. */
export interface PurgeVersusDelete {
  readonly samples: number;
  /** Statements one purgeExpired sent, BEGIN and COMMIT included: the fewest and most seen. */
  readonly statementsMin: number;
  readonly statementsMax: number;
  /** Wall time, median over the samples: purgeExpired, and the bare DELETE of the same rows. */
  readonly purgeMedianMs: number;
  readonly deleteMedianMs: number;
  /** purge ÷ bare DELETE: of the medians, and the lowest and highest of the samples' own. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
}

export const sqlDue = 1_000;

export function customerRecord(
  ownerId: MemberId,
  organisationId: OrganisationId,
  n: number,
  trash: TrashState | null,
  at: Date,
): CustomerContact {
  return {
    id: randomIds.id("contact") as ContactId,
    kind: "customer",
    ownerId,
    organisationId,
    profile: { nickname: null, company: `株式会社テスト${n % 1000}`, photoUrl: null },
    fields: {
      ...emptyOwnerFields,
      familyName: surnames[n % surnames.length] as string,
      givenName: `取引先${n}`,
      phones: [{ label: null, e164: "+81312345678", raw: "03-1234-5678" }],
    },
    groups: [],
    sharing: privateSharing,
    trash,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Gives `owner` `sqlDue` customer contacts past their retention and purges them, then the same
 * rows again with a bare DELETE, `samples` times (after a warm-up) — which goes first
 * alternates, so neither always meets a warmer cache. The bare DELETE takes every contact due,
 * so the database must hold no other trashed contact; it is left as it was.
 */
export async function purgeVersusDelete(
  client: SqlClient,
  owner: { readonly memberId: MemberId; readonly organisationId: OrganisationId },
  samples: number,
): Promise<PurgeVersusDelete> {
  const counting = countingClient(client);
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: postgresStore(counting.client), clock });
  const now = clock.now();
  const expired: TrashState = {
    trashedAt: new Date(now.getTime() - 31 * day),
    purgeAt: new Date(now.getTime() - day),
  };
  let serial = 0;
  const purgeMs: number[] = [];
  const deleteMs: number[] = [];
  const sent: number[] = [];
  const timePurge = async () => {
    counting.statements.length = 0;
    const before = performance.now();
    const purged = await book.trash.purgeExpired({ batchSize: sqlDue });
    const ms = performance.now() - before;
    if (purged !== sqlDue) throw new Error(`purged ${purged}, expected ${sqlDue}`);
    sent.push(counting.statements.length);
    return ms;
  };
  const timeDelete = async () => {
    const before = performance.now();
    await client.query("delete from partnerbook_contacts where purge_at <= $1", [now]);
    return performance.now() - before;
  };
  for (let sample = -1; sample < samples; sample++) {
    const due = Array.from({ length: sqlDue }, () =>
      customerRecord(owner.memberId, owner.organisationId, serial++, expired, now),
    );
    const insertDue = () => client.transaction((sql) => insertRows(sql, contactCodec, due));
    await insertDue();
    const first = sample % 2 === 0 ? await timePurge() : await timeDelete();
    await insertDue();
    const second = sample % 2 === 0 ? await timeDelete() : await timePurge();
    if (sample < 0) continue; // a warm-up
    purgeMs.push(sample % 2 === 0 ? first : second);
    deleteMs.push(sample % 2 === 0 ? second : first);
  }
  const ratios = purgeMs.map((ms, i) => ms / (deleteMs[i] as number));
  return {
    samples,
    statementsMin: Math.min(...sent),
    statementsMax: Math.max(...sent),
    purgeMedianMs: round(median(purgeMs)),
    deleteMedianMs: round(median(deleteMs)),
    ratio: round(median(purgeMs) / median(deleteMs)),
    ratioMin: round(Math.min(...ratios)),
    ratioMax: round(Math.max(...ratios)),
  };
}
