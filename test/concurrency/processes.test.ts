import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { hashToken } from "../../src/app/tokens.js";
import { invitationTokenFrom } from "../../src/domain/invitation.js";
import {
  type Contact,
  createPartnerbook,
  fixedWindowRateLimiter,
  type ImportSummary,
  type Mailer,
  type Member,
  manualClock,
  type Organisation,
  type Partnerbook,
} from "../../src/index.js";
import { fromPg, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { aCustomer, aLinkedContact, aMember, trashedOn } from "../../src/testing/records.js";
import { testSecret } from "../support/builders.js";
import type { Call, Outcome } from "./worker.js";

// Many app processes on one PostgreSQL server: each worker is an OS process with its own pool
// (worker.ts). The calls of a race are handed out to the workers, which fire them together at
// the parent's "go"; the assertions are on the final database. Runs where .ci/run starts a
// server (PARTNERBOOK_POSTGRES_URL), in a schema of its own, dropped at the end.
const url = process.env.PARTNERBOOK_POSTGRES_URL;
const workerCount = 8;
const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));

if (url === undefined || url === "") {
  describe("many app processes on one PostgreSQL server", () => {
    it("runs only when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(process.env.PARTNERBOOK_POSTGRES_URL ?? "").toBe("");
    });
  });
} else {
  const schema = `partnerbook_processes_${process.pid}_${Date.now()}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const pool = new pg.Pool({ connectionString: url, max: 6, options: `-c search_path=${schema}` });
  const client: SqlClient = fromPg(pool);
  const store = postgresStore(client);

  /** A worker process and the replies it owes. */
  interface Worker {
    readonly child: ChildProcess;
    readonly waiting: Map<number, (reply: { ready?: boolean; outcomes?: Outcome[] }) => void>;
  }
  let nextId = 1;

  function startWorker(): Promise<Worker> {
    const child = fork(workerFile, [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, PARTNERBOOK_WORKER: JSON.stringify({ url, schema, poolSize: 8 }) },
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const worker: Worker = { child, waiting: new Map() };
    child.on("message", (raw) => {
      const reply = raw as { id: number; ready?: boolean; outcomes?: Outcome[] };
      worker.waiting.get(reply.id)?.(reply);
      worker.waiting.delete(reply.id);
    });
    return new Promise((resolve, reject) => {
      worker.waiting.set(0, () => resolve(worker));
      child.once("error", reject);
    });
  }

  function ask<T>(worker: Worker, message: Record<string, unknown>, id: number): Promise<T> {
    return new Promise((resolve) => {
      worker.waiting.set(id, resolve as never);
      worker.child.send(message);
    });
  }

  let workers: Worker[] = [];

  /**
   * Hands `calls[i]` to worker `i % workerCount`, lets every worker get ready, then fires them
   * all at once. Returns the outcomes in the order of `calls`.
   */
  async function race(calls: readonly Call[], options: { now?: Date } = {}): Promise<Outcome[]> {
    const shares = workers.map((_, w) => calls.filter((_, i) => i % workerCount === w));
    const ids = workers.map(() => nextId++);
    await Promise.all(
      workers.map((worker, w) =>
        ask(
          worker,
          { kind: "prepare", id: ids[w], now: options.now?.toISOString(), calls: shares[w] },
          ids[w] as number,
        ),
      ),
    );
    const replies = workers.map(
      (worker, w) =>
        new Promise<Outcome[]>((resolve) => {
          worker.waiting.set(ids[w] as number, (reply) => resolve(reply.outcomes ?? []));
        }),
    );
    for (const worker of workers) worker.child.send({ kind: "go" });
    const byWorker = await Promise.all(replies);
    return calls.map((_, i) => byWorker[i % workerCount]?.[Math.floor(i / workerCount)] as Outcome);
  }

  const call = (group: string, method: string, ...args: unknown[]): Call => ({ group, method, args });
  const codesOf = (outcomes: readonly Outcome[]) =>
    outcomes.map((outcome) => ("code" in outcome ? outcome.code : "ok"));
  const tally = (outcomes: readonly Outcome[]) => {
    const counts: Record<string, number> = {};
    for (const code of codesOf(outcomes)) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  };
  const valueIn = <T>(outcome: Outcome | undefined): T => (outcome as { value: T }).value;

  /** The parent's own app process, for setting up and for reading back. */
  function parentBook(options: { now?: Date; mailer?: Mailer } = {}): Partnerbook {
    return createPartnerbook({
      store,
      ...(options.now === undefined ? {} : { clock: manualClock(options.now) }),
      ...(options.mailer === undefined ? {} : { mailer: options.mailer }),
      inviteBaseUrl: "https://app.example/invite",
      secret: testSecret,
      searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    });
  }

  let book: Partnerbook;

  async function organisation(name: string, plan: "free" | "standard" = "free") {
    const made = await book.organisations.create({
      name,
      plan,
      admin: { worksId: `admin@${name.toLowerCase()}`, displayName: `${name} Admin` },
    });
    if (plan !== "free") {
      await book.organisations.setLinkingPolicy(made.admin.id, made.organisation.id, { enabled: true });
    }
    return made;
  }

  /** `count` members of `org`, stored in one transaction. */
  async function members(org: Organisation, count: number, prefix: string): Promise<Member[]> {
    const made = Array.from({ length: count }, (_, i) =>
      aMember(`mem_${prefix}_${String(i).padStart(4, "0")}`, org.id, { displayName: `${prefix} ${i}` }),
    );
    await store.transaction(async (tx) => {
      for (const member of made) await tx.members.insert(member);
    });
    return made;
  }

  /** `count` customer contacts of `owner`, trashed now when `trashed`, in one transaction. */
  async function customers(
    owner: Member,
    count: number,
    prefix: string,
    trashed = false,
  ): Promise<Contact[]> {
    const made = Array.from({ length: count }, (_, i) =>
      aCustomer(`con_${prefix}_${String(i).padStart(4, "0")}`, owner, `${prefix} ${i}`, {
        trash: trashed ? trashedOn(new Date()) : null,
      }),
    );
    await store.transaction(async (tx) => {
      for (const contact of made) await tx.contacts.insert(contact);
    });
    return made;
  }

  async function one<T>(text: string, params: unknown[] = []): Promise<T> {
    const { rows } = await pool.query(text, params);
    return rows[0] as T;
  }
  const liveOf = async (org: Organisation) => {
    const row = await one<{ live: number; counted: number }>(
      `select (select live from partnerbook_contact_counts where organisation_id = $1) as live,
              (select count(*)::integer from partnerbook_contacts where organisation_id = $1 and purge_at is null) as counted`,
      [org.id],
    );
    return row;
  };

  beforeAll(async () => {
    await admin.query(`create schema ${schema}`);
    await migrate(client);
    await pool.query(
      `create table test_sent_mail (
         pid integer not null, idempotency_key text not null, recipient text not null, text text not null)`,
    );
    workers = await Promise.all(Array.from({ length: workerCount }, startWorker));
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  beforeEach(async () => {
    await emptyPartnerbookTables(client);
    await pool.query("delete from test_sent_mail");
    book = parentBook();
  });

  describe("many app processes on one PostgreSQL server", () => {
    it("R16: 64 adds from 8 processes into a free organisation holding 490 fill it to exactly 500", async () => {
      const { organisation: org, admin: owner } = await organisation("Free");
      await customers(owner, 490, "held");
      const outcomes = await race(
        Array.from({ length: 64 }, (_, i) =>
          call("contacts", "addCustomer", owner.id, {
            familyName: `顧客${i}`,
            phones: [{ number: "03-1234-5678" }],
          }),
        ),
      );
      expect(tally(outcomes)).toEqual({ ok: 10, LIMIT_REACHED: 54 });
      expect(await liveOf(org)).toEqual({ live: 500, counted: 500 });
    });

    it("R16, R32: 40 restores racing at the limit bring back exactly as many as there is room for", async () => {
      const { organisation: org, admin: owner } = await organisation("Full");
      await customers(owner, 495, "held");
      const trashed = await customers(owner, 40, "trashed", true);
      const outcomes = await race(trashed.map((contact) => call("trash", "restore", owner.id, contact.id)));
      expect(tally(outcomes)).toEqual({ ok: 5, LIMIT_REACHED: 35 });
      expect(await liveOf(org)).toEqual({ live: 500, counted: 500 });
    });

    it("R16, R19: adds, restores and redeems mixed at the limit — never over it, and every redeem is both contacts or neither", async () => {
      const { organisation: full, admin: inviter } = await organisation("Inviter");
      const { organisation: other } = await organisation("Guests");
      const guests = await members(other, 16, "guest");
      await customers(inviter, 490, "held");
      const trashed = await customers(inviter, 8, "trashed", true);
      const link = await book.invitations.createLink(inviter.id);
      const outcomes = await race([
        ...guests.map((guest) => call("invitations", "redeem", guest.id, link.url)),
        ...trashed.map((contact) => call("trash", "restore", inviter.id, contact.id)),
        ...Array.from({ length: 8 }, (_, i) =>
          call("contacts", "addCustomer", inviter.id, {
            familyName: `追加${i}`,
            emails: [{ address: "a@b.jp" }],
          }),
        ),
      ]);
      expect(codesOf(outcomes).filter((code) => code !== "ok" && code !== "LIMIT_REACHED")).toEqual([]);
      expect(tally(outcomes).ok).toBe(10);
      expect(await liveOf(full)).toEqual({ live: 500, counted: 500 });
      for (const [i, guest] of guests.entries()) {
        const pair = await one<{ there: number; back: number }>(
          `select (select count(*)::integer from partnerbook_contacts where owner_id = $1 and target_member_id = $2) as there,
                  (select count(*)::integer from partnerbook_contacts where owner_id = $2 and target_member_id = $1) as back`,
          [guest.id, inviter.id],
        );
        const redeemed = codesOf([outcomes[i] as Outcome])[0] === "ok";
        expect(pair).toEqual(redeemed ? { there: 1, back: 1 } : { there: 0, back: 0 });
      }
    });

    it("R18, R19: 40 redeemers of one reusable link at once are all added", async () => {
      const { admin: inviter } = await organisation("Host");
      const { organisation: other } = await organisation("Visitors");
      const guests = await members(other, 40, "visitor");
      const link = await book.invitations.createLink(inviter.id);
      const outcomes = await race(guests.map((guest) => call("invitations", "redeem", guest.id, link.url)));
      expect(tally(outcomes)).toEqual({ ok: 40 });
      expect(outcomes.map((outcome) => valueIn<{ status: string }>(outcome).status)).toEqual(
        guests.map(() => "added"),
      );
      expect(
        await one("select uses from partnerbook_invitations where id = $1", [link.invitation.id]),
      ).toEqual({
        uses: 40,
      });
      expect(
        await one("select count(*)::integer as n from partnerbook_contacts where owner_id = $1", [
          inviter.id,
        ]),
      ).toEqual({ n: 40 });
    });

    it("R19: 40 redeemers of a single-use link — exactly one is added, the rest are told it is used up", async () => {
      const { admin: inviter } = await organisation("Single");
      const { organisation: other } = await organisation("Crowd");
      const guests = await members(other, 40, "crowd");
      const link = await book.invitations.createLink(inviter.id, { maxUses: 1 });
      const outcomes = await race(guests.map((guest) => call("invitations", "redeem", guest.id, link.url)));
      expect(tally(outcomes)).toEqual({ ok: 1, INVITATION_USED_UP: 39 });
      expect(
        await one("select uses from partnerbook_invitations where id = $1", [link.invitation.id]),
      ).toEqual({
        uses: 1,
      });
    });

    it("R15: one owner adding the same person from 16 requests at once — one contact, the others get it as existing", async () => {
      const { admin: owner } = await organisation("Adder");
      const { admin: target } = await organisation("Target");
      const outcomes = await race(
        Array.from({ length: 16 }, () => call("contacts", "addFromSearch", owner.id, target.id)),
      );
      expect(tally(outcomes)).toEqual({ ok: 16 });
      const results = outcomes.map((outcome) => valueIn<{ status: string; contact: Contact }>(outcome));
      expect(results.map((result) => result.status).sort()).toEqual(["added", ...Array(15).fill("existing")]);
      expect(new Set(results.map((result) => result.contact.id)).size).toBe(1);
    });

    it("R15, R16: one file imported from 8 processes at once — each person added once, the organisation filled to exactly its limit", async () => {
      const { organisation: org, admin: owner } = await organisation("Importer");
      await customers(owner, 480, "held");
      const records = Array.from({ length: 30 }, (_, i) => ({
        line: i + 2,
        contact: { familyName: `取込${i}`, emails: [{ address: `import${i}@example.jp` }] },
      }));
      const outcomes = await race(
        Array.from({ length: 8 }, () =>
          call("contacts", "import", owner.id, records, { onExisting: "merge" }),
        ),
      );
      expect(tally(outcomes)).toEqual({ ok: 8 });
      const summaries = outcomes.map((outcome) => valueIn<ImportSummary>(outcome));
      const sum = (key: keyof ImportSummary) => summaries.reduce((total, summary) => total + summary[key], 0);
      // Records are taken in order: the first 20 people fill the book, once each; the last 10 find
      // it full in every process.
      expect([sum("added"), sum("existing"), sum("refused"), sum("invalid")]).toEqual([20, 140, 80, 0]);
      expect(await liveOf(org)).toEqual({ live: 500, counted: 500 });
      expect(
        await one(
          `select count(*)::integer as imported, count(distinct fields ->> 'familyName')::integer as people
           from partnerbook_contacts where owner_id = $1 and fields ->> 'familyName' like '取込%'`,
          [owner.id],
        ),
      ).toEqual({ imported: 20, people: 20 });
    });

    it("R25: 8 processes editing one contact from the same version — exactly one wins, the rest are CONFLICT", async () => {
      const { admin: owner } = await organisation("Editors");
      const [contact] = await customers(owner, 1, "edited");
      const outcomes = await race(
        workers.map((_, w) =>
          call("contacts", "edit", owner.id, contact?.id, { memo: `from ${w}` }, { expectedVersion: 1 }),
        ),
      );
      expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 7 });
      const winner = codesOf(outcomes).indexOf("ok");
      expect(await one("select fields ->> 'memo' as memo, version from partnerbook_contacts")).toEqual({
        memo: `from ${winner}`,
        version: 2,
      });
    });

    it("R33: purgeExpired from 8 processes at once purges every due contact exactly once, and none of them errs", async () => {
      const { admin: owner } = await organisation("Cleaner");
      await customers(owner, 300, "due", true);
      await customers(owner, 20, "kept");
      const later = new Date(Date.now() + 31 * 86_400_000);
      const outcomes = await race(
        workers.map(() => call("trash", "purgeExpired", { batchSize: 25 })),
        { now: later },
      );
      expect(tally(outcomes)).toEqual({ ok: 8 });
      expect(outcomes.reduce((sum, outcome) => sum + valueIn<number>(outcome), 0)).toBe(300);
      expect(await one("select count(*)::integer as n from partnerbook_contacts")).toEqual({ n: 20 });
      expect(
        await one(
          `select count(*)::integer as n, count(distinct payload ->> 'contactId')::integer as contacts
           from partnerbook_events where type = 'contact_purged'`,
        ),
      ).toEqual({ n: 300, contacts: 300 });
    });

    it("R13: 16 first calls of qrCodes.mine at once hand out one token, and it works", async () => {
      const { admin: member } = await organisation("Scanned");
      const { admin: scanner } = await organisation("Scanner");
      const outcomes = await race(Array.from({ length: 16 }, () => call("qrCodes", "mine", member.id)));
      const tokens = new Set(outcomes.map((outcome) => valueIn<{ token: string }>(outcome).token));
      expect(tokens.size).toBe(1);
      const added = await book.contacts.addFromQr(scanner.id, [...tokens][0] as string);
      expect(added.status).toBe("added");
      expect(
        await one("select count(*)::integer as n from partnerbook_events where type = 'qr_code_issued'"),
      ).toEqual({
        n: 1,
      });
    });

    it("R17: 8 processes inviting the same address at once — one invitation, sent once and re-sent by the others", async () => {
      const { admin: inviter } = await organisation("Mailer");
      const outcomes = await race(
        workers.map(() => call("invitations", "sendEmail", inviter.id, ["kato@example.jp"])),
      );
      const statuses = outcomes.map((outcome) => valueIn<{ status: string }[]>(outcome)[0]?.status);
      expect(statuses.sort()).toEqual([...Array(7).fill("already_invited"), "sent"]);
      expect(
        await one("select count(*)::integer as n, max(version) as version from partnerbook_invitations"),
      ).toEqual({
        n: 1,
        version: 8,
      });
    });

    it("R23, R35: profile syncs and renames ∥ edits of the linked contacts — no caller sees a deadlock or CONFLICT, no sync is lost, and a reader of the log misses nothing", async () => {
      const { organisation: home, admin: owner } = await organisation("Owners", "standard");
      const { organisation: partner, admin: boss } = await organisation("Partner", "standard");
      const [star] = await members(partner, 1, "star");
      const owners = [owner, ...(await members(home, 99, "owner"))];
      const linked = owners.map((member, i) =>
        aLinkedContact(`con_link_${String(i).padStart(4, "0")}`, member, star as Member),
      );
      await store.transaction(async (tx) => {
        for (const contact of linked) await tx.contacts.insert(contact);
      });
      const deadlocksBefore = await one<{ deadlocks: string }>(
        "select deadlocks from pg_stat_database where datname = current_database()",
      );
      // A reader in this process follows the owners' log while the workers write to it.
      let reading = true;
      const seen: number[] = [];
      const reader = (async () => {
        for (;;) {
          const done = !reading;
          for (;;) {
            const page = await book.events.list(owner.id, {
              organisationId: home.id,
              after: seen.at(-1) ?? 0,
              limit: 500,
            });
            seen.push(...page.map((event) => event.sequence));
            if (page.length < 500) break;
          }
          if (done) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const rounds = 6;
      for (let round = 1; round <= rounds; round++) {
        const outcomes = await race([
          call("members", "updateProfile", star?.id, { nickname: `Star ${round}` }),
          call("organisations", "rename", boss.id, partner.id, `Partner ${round}`),
          ...linked.map((contact, i) =>
            call(
              "contacts",
              "edit",
              owners[i]?.id,
              contact.id,
              { memo: `round ${round}` },
              { expectedVersion: round },
            ),
          ),
        ]);
        expect(tally(outcomes)).toEqual({ ok: linked.length + 2 });
      }
      reading = false;
      await reader;
      const contacts = await pool.query(
        `select synced ->> 'nickname' as nickname, synced ->> 'company' as company,
                fields ->> 'memo' as memo, version from partnerbook_contacts order by id`,
      );
      expect(new Set(contacts.rows.map((row) => JSON.stringify(row)))).toEqual(
        new Set([
          JSON.stringify({
            nickname: `Star ${rounds}`,
            company: `Partner ${rounds}`,
            memo: `round ${rounds}`,
            version: rounds + 1,
          }),
        ]),
      );
      // Every edit is an event in the owners' log; the reader saw them all, in order, once each.
      const total = await one<{ n: number }>(
        "select count(*)::integer as n from partnerbook_events where organisation_id = $1",
        [home.id],
      );
      expect(seen).toEqual(Array.from({ length: total.n }, (_, i) => i + 1));
      expect(total.n).toBeGreaterThanOrEqual(rounds * linked.length);
      const deadlocksAfter = await one<{ deadlocks: string }>(
        "select deadlocks from pg_stat_database where datname = current_database()",
      );
      // The lock order leaves the deadlock detector nothing to break.
      expect(Number(deadlocksAfter.deadlocks) - Number(deadlocksBefore.deadlocks)).toBe(0);
    });

    it("R17: app processes killed while inviting — no mail carries a link that does not work, and every invitation's mail is delivered", async () => {
      const inviters = await Promise.all([0, 1, 2, 3].map((i) => organisation(`Killed${i}`)));
      const doomed = await Promise.all(inviters.map(() => startWorker()));
      await Promise.all(
        doomed.map((worker, i) => {
          const id = nextId++;
          const invite = call("invitations", "sendEmail", inviters[i]?.admin.id, "$address");
          return ask(worker, { kind: "loop", id, mailDelayMs: 1, call: invite }, id);
        }),
      );
      // Kill them one by one, each once more invitations have been made, mid-flight.
      for (const [i, worker] of doomed.entries()) {
        const target = 40 * (i + 1);
        for (;;) {
          const { n } = await one<{ n: number }>(
            "select count(*)::integer as n from partnerbook_invitations",
          );
          if (n >= target) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        worker.child.kill("SIGKILL");
        await new Promise((resolve) => worker.child.once("exit", resolve));
      }
      // The next delivery run, after any lease of a killed process ran out.
      const mailer: Mailer = {
        async send(message) {
          await pool.query(
            "insert into test_sent_mail (pid, idempotency_key, recipient, text) values ($1, $2, $3, $4)",
            [process.pid, message.idempotencyKey, message.to, message.text],
          );
        },
      };
      const deliverer = parentBook({ now: new Date(Date.now() + 86_400_000), mailer });
      for (;;) {
        const report = await deliverer.mail.deliverPending({ limit: 1000 });
        expect(report.failed).toBe(0);
        if (report.pending === 0) break;
      }
      const invitations = (await pool.query("select email, token_hash from partnerbook_invitations"))
        .rows as {
        email: string;
        token_hash: string;
      }[];
      const mails = (await pool.query("select recipient, text from test_sent_mail")).rows as {
        recipient: string;
        text: string;
      }[];
      expect(invitations.length).toBeGreaterThanOrEqual(160);
      const hashes = new Map(invitations.map((invitation) => [invitation.token_hash, invitation.email]));
      const mailed = new Set<string>();
      for (const mail of mails) {
        const token = mail.text
          .split("\n")
          .map((line) => invitationTokenFrom(line))
          .find((found) => found !== null);
        const hash = await hashToken(token as string);
        expect(hashes.get(hash), `a mail to ${mail.recipient} links to no invitation`).toBe(mail.recipient);
        mailed.add(hash);
      }
      expect(invitations.filter((invitation) => !mailed.has(invitation.token_hash))).toEqual([]);
    });
  });
}
