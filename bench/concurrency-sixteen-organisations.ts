// Part 1: 16 organisations, each with one caller editing its own contacts through partnerbook,
// against as many callers running the plain UPDATE.
import { type ContactId, createPartnerbook } from "partnerbook";
import { fromPg, postgresStore } from "partnerbook/postgres";
import pg from "pg";
import { partnerbookEditor, plainEditor } from "./concurrency-editors.js";
import { type StatementRow, statementRows, type ThroughputRow, throughputRow } from "./concurrency-rows.js";
import { addCounts, countingPool, newCounter, poolConfig, since, snapshot } from "./concurrency-support.js";
import { runWindow, type Window, warmUpMs } from "./concurrency-windows.js";
import { addCustomers, createOrganisation } from "./concurrency-world.js";
import { round } from "./harness.js";

const organisationCount = 16;
const contactsPerOrganisation = 50;
/** Each kind of caller in part 1 runs twice this long (two alternating windows). */
const editWindowMs = 1_500;

export interface EditsResult {
  readonly rows: ThroughputRow[];
  readonly statements: StatementRow[];
  readonly errors: Record<string, number>;
  readonly ratio: number;
}

export async function sixteenOrganisations(
  url: string,
  schema: string,
  admin: pg.Pool,
): Promise<EditsResult> {
  const application = "partnerbook_bench_edits";
  const pool = new pg.Pool(poolConfig(url, schema, organisationCount, application));
  pool.on("error", () => {});
  const counter = newCounter();
  const book = createPartnerbook({ store: postgresStore(fromPg(countingPool(pool, counter))) });
  try {
    const setupStarted = performance.now();
    const created = await Promise.all(
      Array.from({ length: organisationCount }, (_, i) =>
        createOrganisation(book, `株式会社並行${i}`, `admin${i}@parallel.example`),
      ),
    );
    const admins = created.map(({ admin: a }) => a.id);
    const ids = await addCustomers(book, admins, contactsPerOrganisation, 0);
    await admin.query(`analyze ${schema}.partnerbook_contacts`);
    console.log(
      `  part 1: ${organisationCount} organisations × ${contactsPerOrganisation} contacts added in ${round(
        (performance.now() - setupStarted) / 1000,
        1,
      )} s; measuring…`,
    );
    const versions = new Map<ContactId, number>();
    const partnerbookSteps = admins.map((a, i) => partnerbookEditor(book, a, ids[i] ?? [], versions));
    const plainSteps = ids.map((own) => plainEditor(pool, own, versions));

    await runWindow(plainSteps, warmUpMs, admin, application);
    await runWindow(partnerbookSteps, warmUpMs, admin, application);
    const plain: Window[] = [];
    const partnerbook: Window[] = [];
    let counted = newCounter();
    for (let turn = 0; turn < 2; turn++) {
      plain.push(await runWindow(plainSteps, editWindowMs, admin, application));
      const before = snapshot(counter);
      partnerbook.push(await runWindow(partnerbookSteps, editWindowMs, admin, application));
      counted = addCounts(counted, since(counter, before));
    }
    const partnerbookRow = throughputRow(
      "partnerbook contacts.edit (memo), 1 caller per organisation",
      organisationCount,
      partnerbook,
      counted,
    );
    const plainRow = throughputRow(
      "plain UPDATE … WHERE id AND version, 1 caller per organisation",
      organisationCount,
      plain,
      null,
    );
    return {
      rows: [partnerbookRow, plainRow],
      statements: statementRows(counted, partnerbookRow.calls),
      errors: Object.fromEntries(counted.errors),
      ratio: round(partnerbookRow.callsPerSecond / plainRow.callsPerSecond, 2),
    };
  } finally {
    await pool.end();
  }
}
