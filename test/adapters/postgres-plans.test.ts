import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asMemberId, normalisePhone, normaliseWorksId, type Tab } from "../../src/index.js";
import { fromPg, migrate, postgresStore, type SqlClient, type SqlQueryable } from "../../src/postgres.js";
import { bookQuery } from "../../src/testing/suite.js";
import { type CompanyWorld, loadCompanyWorld, type WorldName } from "../support/company-world.js";

// The plans of the hot statements, on the real server with company-shaped books loaded once
// (docs/scaling.md). Each store call runs through a client that writes its statements down;
// then every statement is EXPLAINed with the same parameters, and the plan must use the
// intended index and read no table of contacts from end to end. A planner regression — an
// index dropped, a predicate the index no longer matches — fails here, not in production.

const url = process.env.PARTNERBOOK_POSTGRES_URL;
const size = 100_000;

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly Plans?: readonly PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** A client that keeps every statement it sends, with its parameters. */
function recording(client: SqlClient) {
  const statements: { text: string; params: unknown[] }[] = [];
  const recorded = (sql: SqlQueryable): SqlQueryable => ({
    query: (text, params = []) => {
      statements.push({ text, params });
      return sql.query(text, params);
    },
  });
  return {
    statements,
    client: {
      ...recorded(client),
      transaction: (fn) => client.transaction((tx) => fn(recorded(tx))),
    } as SqlClient,
  };
}

if (url === undefined || url === "") {
  describe("plans of the hot statements", () => {
    it("run only on a real server, when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(url ?? "").toBe("");
    });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas = new Map<WorldName, { pool: pg.Pool; client: SqlClient; world: CompanyWorld }>();
  const schemaName = (world: WorldName) => `partnerbook_plans_${world.toLowerCase()}_${process.pid}`;

  beforeAll(async () => {
    for (const name of ["A", "B"] as const) {
      const schema = schemaName(name);
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`create schema ${schema}`);
      const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
      const client = fromPg(pool);
      await migrate(client);
      const world = await loadCompanyWorld(client, { world: name, contacts: size });
      // Every member has shown their QR code and sent an invitation link: the token tables are
      // as full as the members table, as in a company that uses them.
      await client.query(
        `insert into partnerbook_qr_codes (member_id, generation, token_hash)
         select id, 1, encode(sha256(convert_to(id, 'UTF8')), 'hex') from partnerbook_members`,
      );
      await client.query(
        `insert into partnerbook_invitations (id, kind, inviter_id, organisation_id, token_hash, email,
           created_at, expires_at, max_uses, uses, revoked_at, version)
         select 'inv_' || id, 'link', id, organisation_id, encode(sha256(convert_to('inv' || id, 'UTF8')), 'hex'),
           null, now(), now() + interval '7 days', null, 0, null, 1 from partnerbook_members`,
      );
      await client.query("analyze partnerbook_qr_codes");
      await client.query("analyze partnerbook_invitations");
      schemas.set(name, { pool, client, world });
    }
  }, 600_000);

  afterAll(async () => {
    for (const [name, { pool }] of schemas) {
      await pool.end();
      await admin.query(`drop schema ${schemaName(name)} cascade`);
    }
    await admin.end();
  });

  /** The plan nodes of every statement `call` sends, EXPLAINed with its parameters. */
  async function plansOf(
    name: WorldName,
    call: (store: ReturnType<typeof postgresStore>, world: CompanyWorld) => Promise<unknown>,
  ): Promise<PlanNode[][]> {
    const { client, world } = schemas.get(name) as { client: SqlClient; world: CompanyWorld };
    const rec = recording(client);
    await call(postgresStore(rec.client), world);
    const plans: PlanNode[][] = [];
    for (const { text, params } of rec.statements) {
      if (!/^\s*(with|select|update|delete|insert)\b/i.test(text)) continue;
      const { rows } = await client.query(`explain (format json) ${text}`, params);
      const [plan] = (rows[0] as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"];
      plans.push(nodesOf((plan as { Plan: PlanNode }).Plan));
    }
    expect(plans.length).toBeGreaterThan(0);
    return plans;
  }

  const all = (plans: PlanNode[][]) => plans.flat();
  const indexesOf = (plans: PlanNode[][]) =>
    new Set(all(plans).flatMap((node) => (node["Index Name"] === undefined ? [] : [node["Index Name"]])));
  const seqScans = (plans: PlanNode[][]) =>
    all(plans)
      .filter((node) => node["Node Type"] === "Seq Scan")
      .map((node) => node["Relation Name"]);

  /** No statement scans a table of contacts whole; each index named is in some plan. */
  function expectServed(plans: PlanNode[][], indexes: readonly string[]) {
    expect(seqScans(plans).filter((table) => /contacts|book_entries/.test(table ?? ""))).toEqual([]);
    for (const index of indexes) expect([...indexesOf(plans)]).toContain(index);
  }

  describe(`plans of the hot statements, on a real server with ${size.toLocaleString("en")} contacts`, () => {
    const page =
      (tab: Tab, extra: { group?: boolean; text?: string } = {}) =>
      async (store: ReturnType<typeof postgresStore>, world: CompanyWorld) =>
        store.transaction((tx) =>
          tx.contacts.listBook(
            bookQuery(world.viewer, {
              tab,
              group: extra.group ? world.group : null,
              text: extra.text ?? null,
              limit: 50,
            }),
          ),
        );

    for (const name of ["A", "B"] as const) {
      it(`R26, R27: world ${name}, each tab's first page walks the book indexes`, async () => {
        for (const tab of ["customers", "external"] as const) {
          expectServed(await plansOf(name, page(tab)), [
            "partnerbook_contacts_book_owner",
            "partnerbook_contacts_book_organisation_wide",
            "partnerbook_book_entries_pkey",
          ]);
        }
      });

      it(`R24, R27: world ${name}, the group filter walks the group's entries`, async () => {
        expectServed(await plansOf(name, page("customers", { group: true })), [
          "partnerbook_book_entries_pkey",
        ]);
      });

      it(`R28: world ${name}, text queries of every length and frequency are served by an index`, async () => {
        const { world } = schemas.get(name) as { world: CompanyWorld };
        for (const text of [...Object.values(world.queries), "渡", "ぴ"]) {
          // Candidates come from the gram index wherever they sort, never from a walk of the book.
          expectServed(await plansOf(name, page("customers", { text })), ["partnerbook_contacts_grams"]);
        }
      });
    }

    for (const name of ["A", "B"] as const) {
      it(`R15: world ${name}, an import finds a record's contacts by phone and email through their index`, async () => {
        const plans = await plansOf(name, (store, world) =>
          store.transaction((tx) =>
            tx.contacts.findByOwnerAndContactPoints(world.viewer.memberId, {
              phones: ["+819012345678", "+81312345678"],
              emails: ["contact1@example.co.jp", "nobody@example.co.jp"],
            }),
          ),
        );
        expectServed(plans, ["partnerbook_contacts_contact_points"]);
      });
    }

    it("R16: the limit check reads the organisation's count row", async () => {
      const plans = await plansOf("B", (store, world) =>
        store.transaction((tx) => tx.contacts.countActive(world.organisationId)),
      );
      // One row per organisation: the planner may read that little table whole; never contacts.
      expectServed(plans, []);
      expect(all(plans).some((node) => node["Relation Name"] === "partnerbook_contact_counts")).toBe(true);
      expect(all(plans).some((node) => node["Relation Name"] === "partnerbook_contacts")).toBe(false);
    });

    it("R33: a purge batch claims due contacts through the due index", async () => {
      const plans = await plansOf("B", (store) =>
        store
          .transaction((tx) =>
            tx.contacts.deleteDue(new Date("2100-01-01T00:00:00Z"), 1_000).then(() => {
              throw new Rollback();
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          }),
      );
      expectServed(plans, ["partnerbook_contacts_due"]);
    });

    it("R7, R8, R13, R20: lookups by works ID, phone, QR token and invitation token use their unique indexes", async () => {
      const plans = await plansOf("B", (store, world) =>
        store.transaction(async (tx) => {
          const standIn = asMemberId(world.viewer.memberId);
          await tx.members.findCandidatesByWorksId(normaliseWorksId(world.searchable.worksId), standIn);
          await tx.members.findCandidatesByPhone(
            normalisePhone(world.searchable.phone, "JP")?.e164 ?? "",
            standIn,
          );
          await tx.qrCodes.findMember("0".repeat(64));
          await tx.invitations.findByTokenHash("0".repeat(64));
        }),
      );
      expectServed(plans, [
        "partnerbook_members_works_id",
        "partnerbook_members_phone",
        "partnerbook_qr_codes_token_hash",
        "partnerbook_invitations_token_hash",
      ]);
      expect(seqScans(plans)).toEqual([]);
    });
  });
}

/** Undoes a write made only so that its statements could be EXPLAINed. */
class Rollback extends Error {}
