import pg from "pg";
import { describe, expect, it } from "vitest";
import { unseal } from "../../src/app/secrets.js";
import { hashToken } from "../../src/app/tokens.js";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  invitationTokenFrom,
  isPartnerbookError,
  type MailMessage,
  type MemberId,
  manualClock,
  type Partnerbook,
  type Store,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { fromPg, fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { start, testSecret } from "../support/builders.js";
import { type RecoverableMailer, recoverableMailer } from "../support/mailers.js";
import { freshPglite } from "../support/pglite.js";

// R13, R20: a copy of the database — every table, every column — lets nobody add a member by QR
// code or redeem an invitation. The secret the tokens derive from and the mail is sealed with is
// not in the database; the harness, which knows it, checks that the real tokens work, so a token
// that leaked into the dump would have been caught.

const inviteBaseUrl = "https://app.example/invite";

/** A store to prove, and how to read back everything it holds. */
interface Backend {
  readonly name: string;
  open(): Promise<OpenBackend>;
}

interface OpenBackend {
  readonly store: Store;
  /** Every value stored, as text (a row's every column; the memory store's snapshot). */
  dump(): Promise<unknown[]>;
  /** The outbox's messages as the store holds them. */
  queued(): Promise<string[]>;
  /** Which tables `dump` read. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

const memoryBackend: Backend = {
  name: "memory",
  async open() {
    const store = memoryStore();
    return {
      store,
      dump: async () => [store.snapshot()],
      queued: async () => store.snapshot().outbox.map((entry) => entry.message),
      tables: async () => Object.keys(store.snapshot()),
      close: async () => {},
    };
  },
};

/** Every column of every `partnerbook_%` table in the current schema, cast to text. */
async function columnsOf(client: SqlClient): Promise<Map<string, string[]>> {
  const { rows } = await client.query(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and table_name like 'partnerbook\\_%'
     order by table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows as { table_name: string; column_name: string }[]) {
    tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  }
  return tables;
}

function sqlBackend(client: SqlClient, close: () => Promise<void>): OpenBackend {
  return {
    store: postgresStore(client),
    async dump() {
      const values: unknown[] = [];
      for (const [table, columns] of await columnsOf(client)) {
        const list = columns.map((column) => `"${column}"::text as "${column}"`).join(", ");
        const { rows } = await client.query(`select ${list} from "${table}"`);
        for (const row of rows) values.push(...Object.values(row).filter((value) => value !== null));
      }
      return values;
    },
    queued: async () =>
      (await client.query("select mail #>> '{}' as message from partnerbook_outbox")).rows.map((row) =>
        String(row.message),
      ),
    tables: async () => [...(await columnsOf(client)).keys()],
    close,
  };
}

const pgliteBackend: Backend = {
  name: "PGlite",
  async open() {
    const db = await freshPglite();
    const client = fromPglite(db);
    await migrate(client);
    return sqlBackend(client, () => db.close());
  },
};

// The real server when PARTNERBOOK_POSTGRES_URL names one: in a schema of its own, dropped after.
const url = process.env.PARTNERBOOK_POSTGRES_URL ?? "";
const serverBackend: Backend = {
  name: "PostgreSQL server",
  async open() {
    const schema = `partnerbook_secrets_${process.pid}_${Date.now()}`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`create schema ${schema}`);
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
    const client = fromPg(pool);
    await migrate(client);
    return sqlBackend(client, async () => {
      await pool.end();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    });
  },
};

const backends = url === "" ? [memoryBackend, pgliteBackend] : [memoryBackend, pgliteBackend, serverBackend];

/**
 * Every string in `values`: each one whole, every JSON value nested in it, and every run of
 * token characters in it (a token inside a URL, a sealed message's parts).
 */
function candidatesIn(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (found.has(value)) return;
      found.add(value);
      for (const piece of value.split(/[^A-Za-z0-9_-]+/)) if (piece !== "") found.add(piece);
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === "object" || typeof parsed === "string") visit(parsed);
      } catch {
        // Not JSON: its pieces are in already.
      }
    } else if (value instanceof Date) {
      visit(value.toISOString());
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        visit(key);
        visit(item);
      }
    }
  };
  for (const value of values) visit(value);
  return [...found];
}

/**
 * The texts of `texts` that `member` gets anything with, as a QR code or as an invitation: any
 * answer but NOT_FOUND or VALIDATION (an add, or a "used up" that shows the token is known).
 */
async function recognised(book: Partnerbook, member: MemberId, texts: readonly string[]): Promise<string[]> {
  const doors = {
    qr: (text: string) => book.contacts.addFromQr(member, text),
    invitation: (text: string) => book.invitations.redeem(member, text),
  };
  const hits: string[] = [];
  for (const text of texts) {
    for (const [door, use] of Object.entries(doors)) {
      const outcome = await use(text).then(
        () => "accepted",
        (error: unknown) => (isPartnerbookError(error) ? error.code : String(error)),
      );
      if (outcome !== "NOT_FOUND" && outcome !== "VALIDATION") hits.push(`${door} ${outcome}: ${text}`);
    }
  }
  return hits;
}

/** The invite URL in the mail to `address`. */
function urlMailedTo(mailer: RecoverableMailer, address: string): string {
  const text = mailer.messages.find((message) => message.to === address)?.text ?? "";
  const url = text.split("\n").find((line) => invitationTokenFrom(line) !== null);
  if (url === undefined) throw new Error(`no invite URL mailed to ${address}`);
  return url.trim();
}

const tokenOf = (url: string): string => invitationTokenFrom(url) ?? "";

/**
 * Three companies and a prober in a fourth: QR codes shown, shown again and re-issued; invite
 * links open and used up; email invitations delivered (one redeemed) and one still queued.
 */
async function aWorldOfTokens(store: Store) {
  const mailer = recoverableMailer();
  const book = createPartnerbook({
    store,
    clock: manualClock(start),
    mailer,
    inviteBaseUrl,
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  const company = (name: string) =>
    book.organisations.create({ name, admin: { worksId: `${name}-admin`, displayName: `${name} Admin` } });
  const [acme, globex, control, probe] = [
    await company("acme"),
    await company("globex"),
    await company("control"),
    await company("probe"),
  ];
  const member = (org: typeof acme, worksId: string) =>
    book.members.create(org.admin.id, { worksId, displayName: worksId, email: `${worksId}@example.jp` });
  const sato = await member(acme, "sato");
  const suzuki = await member(acme, "suzuki");
  const lee = await member(globex, "lee");
  const kim = await member(globex, "kim");
  const park = await member(globex, "park");

  // R13: codes shown (twice), re-issued, and one scanned.
  const leeRetired = (await book.qrCodes.mine(lee.id)).token;
  const leeQr = (await book.qrCodes.reissue(lee.id)).token;
  const kimQr = (await book.qrCodes.mine(kim.id)).token;
  expect((await book.qrCodes.mine(kim.id)).token).toBe(kimQr);
  const satoQr = (await book.qrCodes.mine(sato.id)).token;
  await book.contacts.addFromQr(park.id, satoQr);

  // R18: a link anyone may open, and a single-use one, used.
  const open = await book.invitations.createLink(sato.id);
  const once = await book.invitations.createLink(suzuki.id, { maxUses: 1 });
  await book.invitations.redeem(lee.id, once.url);

  // R17: mail delivered (one redeemed, one pending) and one queued, not yet delivered.
  mailer.failFor("queued@example.jp");
  const sent = await book.invitations.sendEmail(sato.id, [
    "kim@example.jp",
    "pending@example.jp",
    "queued@example.jp",
  ]);
  expect(sent.map((result) => result.status)).toEqual(["sent", "sent", "queued"]);
  const kimMail = tokenOf(urlMailedTo(mailer, "kim@example.jp"));
  await book.invitations.redeem(kim.id, kimMail);
  const pendingMail = tokenOf(urlMailedTo(mailer, "pending@example.jp"));

  return {
    book,
    control: control.admin.id,
    probe: probe.admin.id,
    qr: { current: [leeQr, kimQr, satoQr], retired: [leeRetired] },
    invitations: { open: tokenOf(open.url), pendingMail, usedUp: [tokenOf(once.url), kimMail] },
  };
}

describe.each(backends)("R13, R20: no usable secret at rest ($name)", (backend) => {
  it("R20: no string in a dump of every table adds anyone by QR code or redeems an invitation", async () => {
    const opened = await backend.open();
    try {
      const world = await aWorldOfTokens(opened.store);
      // The queued mail's token, read as the app reads it: only the secret's holder can.
      const [sealed = "", ...more] = await opened.queued();
      expect(more).toEqual([]);
      const mail = JSON.parse(
        sealed.startsWith("{") ? sealed : await unseal(testSecret, sealed),
      ) as MailMessage;
      expect(mail.to).toBe("queued@example.jp");
      const queuedMail = tokenOf(
        mail.text.split("\n").find((line) => invitationTokenFrom(line) !== null) ?? "",
      );
      expect(queuedMail).toMatch(/^[A-Za-z0-9_-]{32}$/);

      // The harness can tell: real tokens work for a member of another company.
      expect(
        await recognised(world.book, world.control, [world.qr.current[0] ?? "", world.invitations.open]),
      ).toEqual([`qr accepted: ${world.qr.current[0]}`, `invitation accepted: ${world.invitations.open}`]);

      const dump = await opened.dump();
      const tables = await opened.tables();
      const texts = candidatesIn(dump);
      // Not vacuous: the QR codes, the invitations and the outbox are in what was read.
      for (const table of ["qrCodes", "invitations", "outbox"]) {
        const sql = `partnerbook_${table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
        expect(
          tables.some((name) => name === table || name === sql),
          table,
        ).toBe(true);
      }
      for (const token of world.qr.current) expect(texts).toContain(await hashToken(token));
      expect(texts).toContain(await hashToken(queuedMail));
      expect(texts).toContain(sealed);

      // Nothing that redeems is stored as it is: the codes shown, the links, the mail's links —
      // the old design kept the current QR tokens and the queued mail's link in plain text.
      const tokens = [
        ...world.qr.current,
        ...world.qr.retired,
        world.invitations.open,
        world.invitations.pendingMail,
        ...world.invitations.usedUp,
        queuedMail,
        testSecret,
      ];
      const whole = texts.join("\n");
      expect(tokens.filter((token) => whole.includes(token))).toEqual([]);

      // Every string, whole and in pieces, at both doors.
      expect(texts.length).toBeGreaterThan(200);
      expect(await recognised(world.book, world.probe, texts)).toEqual([]);

      // The same doors would have caught the real tokens: they work for the prober now.
      const live = [...world.qr.current, world.invitations.open, world.invitations.pendingMail, queuedMail];
      expect(await recognised(world.book, world.probe, live)).toHaveLength(live.length);
      expect(await recognised(world.book, world.probe, world.invitations.usedUp)).toEqual(
        world.invitations.usedUp.map((token) => `invitation INVITATION_USED_UP: ${token}`),
      );
      expect(await recognised(world.book, world.probe, world.qr.retired)).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 600_000);
});

// Without a server the dump is proved on memory and PGlite only; say so rather than pass quietly.
if (url === "") {
  describe("the real PostgreSQL server", () => {
    it("is proved only when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(url).toBe("");
    });
  });
}
