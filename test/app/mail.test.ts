import { describe, expect, it } from "vitest";
import {
  asOrganisationId,
  createPartnerbook,
  fixedWindowRateLimiter,
  type IdSource,
  type Mailer,
  type MailMessage,
  manualClock,
  type Partnerbook,
  randomIds,
  sequentialIds,
} from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { anOrganisation, start, testSecret, type World } from "../support/builders.js";

// R17 after commit: invitation mail waits in the outbox written with the invitation, and the
// mailer is called only once the invitation committed — right away, and again by
// mail.deliverPending() until it is accepted.

const minute = 60_000;

/** A mailer under the test's control: it records, and fails or hangs while told to. */
function aMailer() {
  const sent: MailMessage[] = [];
  const mailer = {
    sent,
    mode: "accept" as "accept" | "refuse" | "hang" | "send-then-fail",
    called: 0,
    async send(message: MailMessage) {
      mailer.called++;
      if (mailer.mode === "refuse") throw new Error("mail server unreachable");
      if (mailer.mode === "hang") return new Promise<void>(() => {});
      sent.push(message);
      if (mailer.mode === "send-then-fail") throw new Error("lost the answer");
    },
  };
  return mailer;
}

function aMailingWorld(
  options: {
    mailer?: Mailer;
    mailTimeoutMs?: number;
    ids?: IdSource;
    store?: MemoryStore;
    secret?: string;
  } = {},
) {
  const store: MemoryStore = options.store ?? memoryStore();
  const clock = manualClock(start);
  const mailer = aMailer();
  const book: Partnerbook = createPartnerbook({
    store,
    clock,
    ids: options.ids ?? sequentialIds(),
    mailer: options.mailer ?? mailer,
    inviteBaseUrl: "https://app.example/invite",
    secret: options.secret ?? testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    ...(options.mailTimeoutMs === undefined ? {} : { mailTimeoutMs: options.mailTimeoutMs }),
  });
  const world: World & { mailer: typeof mailer } = { book, store, clock, mailer };
  return world;
}

describe("invitation mail goes out after commit (the outbox)", () => {
  it("R17: a working mailer gets the mail right after commit, once, with a stable idempotency key", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    const [result] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    expect(result?.status).toBe("sent");
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.mailer.sent[0]?.idempotencyKey).toBe(`${result?.invitationId}:1`);
    expect(world.store.snapshot().outbox).toEqual([]);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 0, pending: 0 });
  });

  it("R17: a refusing mailer leaves the invitation pending and its mail queued; deliverPending sends it once the mailer works", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "refuse";
    const [result] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    expect(result?.status).toBe("queued");
    expect((await world.book.invitations.listPending(admin.id)).map((i) => i.id)).toEqual([
      result?.invitationId,
    ]);
    expect(world.store.snapshot().outbox).toHaveLength(1);

    // Not due again before its retry delay (1 minute after the first failure).
    world.mailer.mode = "accept";
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 0, pending: 1 });
    world.clock.advance(minute);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(world.mailer.sent.map((mail) => mail.to)).toEqual(["kato@example.jp"]);
    expect(world.mailer.sent[0]?.text).toContain("https://app.example/invite/");
  });

  it("R17: each failure pushes the next attempt further out (1, 2, 4 … minutes)", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "refuse";
    await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    const due = () => world.store.snapshot().outbox[0]?.availableAt.getTime() ?? 0;
    expect(due() - world.clock.now().getTime()).toBe(minute);
    world.clock.advance(minute);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 1, pending: 1 });
    expect(due() - world.clock.now().getTime()).toBe(2 * minute);
    world.clock.advance(2 * minute);
    await world.book.mail.deliverPending();
    expect(due() - world.clock.now().getTime()).toBe(4 * minute);
    expect(world.store.snapshot().outbox[0]?.lastError).toBe("Error: mail server unreachable");
  });

  it("R17: a failure's words are kept, but not the address a mail service names in them", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "refuse";
    await world.book.invitations.sendEmail(admin.id, ["kato.ken@example.jp"]);
    const refuse = world.mailer.send;
    world.mailer.send = async (message) => {
      await refuse(message).catch(() => {});
      throw new Error(`550 mailbox <${message.to}> unavailable; also cc:kato.ken@example.jp`);
    };
    world.clock.advance(minute);
    await world.book.mail.deliverPending();
    const lastError = world.store.snapshot().outbox[0]?.lastError ?? "";
    expect(lastError).toBe("Error: 550 mailbox <k***@example.jp> unavailable; also cc:k***@example.jp");
    expect(lastError).not.toContain("kato.ken@");
  });

  it("R17: a mailer that does not answer in time counts as failed, and the mail stays queued", async () => {
    const world = aMailingWorld({ mailTimeoutMs: 5 });
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "hang";
    const [result] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    expect(result?.status).toBe("queued");
    expect(world.store.snapshot().outbox[0]?.lastError).toBe("Error: the mailer did not answer within 5 ms");
  });

  it("R17: a mail delivered but not recorded as such is delivered again with the same idempotency key (at least once)", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "send-then-fail";
    await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    world.mailer.mode = "accept";
    world.clock.advance(minute);
    await world.book.mail.deliverPending();
    const keys = world.mailer.sent.map((mail) => mail.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  it("R17: a failure before commit sends nothing and leaves nothing queued", async () => {
    let failEvents = false;
    const base = sequentialIds();
    const ids: IdSource = {
      token: () => base.token(),
      id: (kind) => {
        if (failEvents && kind === "event") throw new Error("id source down");
        return base.id(kind);
      },
    };
    const world = aMailingWorld({ ids });
    const { admin } = await anOrganisation(world);
    failEvents = true;
    const [result] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    failEvents = false;
    expect(result).toEqual({ email: "kato@example.jp", status: "send_failed", invitationId: null });
    expect(world.mailer.called).toBe(0);
    expect(world.store.snapshot().outbox).toEqual([]);
    expect(world.store.snapshot().invitations).toEqual([]);
  });

  it("R17: re-sending before the first mail left replaces it: only the mail with the working link is sent", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "refuse";
    await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    world.mailer.mode = "accept";
    const [again] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    expect(again?.status).toBe("already_invited");
    world.clock.advance(60 * minute);
    await world.book.mail.deliverPending();
    expect(world.mailer.sent.map((mail) => mail.idempotencyKey)).toEqual([`${again?.invitationId}:2`]);
  });

  it("a slow mailer blocks no reader: the book answers while a mail is on its way", async () => {
    let release = () => {};
    let started = () => {};
    const sending = new Promise<void>((resolve) => {
      started = resolve;
    });
    const mailer: Mailer = {
      send: () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
    };
    const world = aMailingWorld({ mailer });
    const { admin } = await anOrganisation(world);
    const invite = world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    await sending;
    // The mailer has not answered; reads and writes go on all the same.
    expect((await world.book.invitations.listPending(admin.id)).length).toBe(1);
    expect((await world.book.contacts.list(admin.id)).items).toEqual([]);
    await world.book.contacts.addCustomer(admin.id, {
      familyName: "山田",
      emails: [{ address: "y@example.jp" }],
    });
    release();
    expect((await invite)[0]?.status).toBe("sent");
  });

  it("deliverPending without a mailer is NOT_CONFIGURED; a bad limit is VALIDATION", async () => {
    const world = aMailingWorld();
    await expect(world.book.mail.deliverPending({ limit: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(world.book.mail.deliverPending({ limit: 5, extra: 1 } as never)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const bare = createPartnerbook({ store: memoryStore() });
    await expect(bare.mail.deliverPending()).rejects.toMatchObject({ code: "NOT_CONFIGURED" });
  });

  it("mailTimeoutMs must be a whole number of milliseconds from 1 to 600,000", () => {
    for (const mailTimeoutMs of [0, 1.5, 600_001]) {
      expect(() => createPartnerbook({ store: memoryStore(), mailTimeoutMs })).toThrow(
        expect.objectContaining({ code: "VALIDATION" }),
      );
    }
  });
});

describe("R20: queued mail is kept sealed with the secret", () => {
  it("R20: the outbox holds neither the address nor the link, and deliverPending opens and sends the mail", async () => {
    const world = aMailingWorld();
    const { admin } = await anOrganisation(world);
    world.mailer.mode = "refuse";
    const [result] = await world.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);
    const queued = world.store.snapshot().outbox;
    expect(queued).toHaveLength(1);
    expect(queued[0]?.message).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(queued[0]?.idempotencyKey).toBe(`${result?.invitationId}:1`);
    const stored = JSON.stringify(queued);
    expect(stored).not.toContain("kato@example.jp");
    expect(stored).not.toContain("https://app.example/invite/");

    world.mailer.mode = "accept";
    world.clock.advance(minute);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.mailer.sent[0]).toMatchObject({
      to: "kato@example.jp",
      idempotencyKey: `${result?.invitationId}:1`,
    });
    expect(world.mailer.sent[0]?.text).toContain("https://app.example/invite/");
  });

  it("R20: mail sealed with another secret is not sent: it counts as failed with a clear lastError, stays queued, and the run goes on", async () => {
    const store = memoryStore();
    const before = aMailingWorld({
      store,
      ids: randomIds,
      secret: "the secret before rotation, 32+ characters",
    });
    const { admin } = await anOrganisation(before);
    before.mailer.mode = "refuse";
    await before.book.invitations.sendEmail(admin.id, ["kato@example.jp"]);

    const after = aMailingWorld({ store, ids: randomIds });
    after.mailer.mode = "refuse";
    await after.book.invitations.sendEmail(admin.id, ["yamada@example.jp"]);
    after.mailer.mode = "accept";
    after.clock.advance(minute);
    expect(await after.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 1, pending: 1 });
    expect(after.mailer.sent.map((mail) => mail.to)).toEqual(["yamada@example.jp"]);
    const [left] = store.snapshot().outbox;
    expect(left?.lastError).toBe(
      "UnsealError: the message was sealed with another secret, or altered: it cannot be opened",
    );
    // The book that sealed it can still send it.
    before.mailer.mode = "accept";
    before.clock.advance(60 * minute);
    expect(await before.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(before.mailer.sent.map((mail) => mail.to)).toEqual(["kato@example.jp"]);
  });

  it("R20: mail queued before mail was sealed (its plain JSON) is delivered as it is", async () => {
    const world = aMailingWorld();
    const mail: MailMessage = {
      to: "kato@example.jp",
      subject: "招待",
      text: "https://app.example/invite/legacy-token",
      locale: "ja",
      idempotencyKey: "inv_legacy:1",
    };
    await world.store.transaction((tx) =>
      tx.outbox.put({
        key: "invitation:inv_legacy",
        organisationId: asOrganisationId("org_legacy"),
        idempotencyKey: mail.idempotencyKey,
        message: JSON.stringify(mail),
        at: start,
      }),
    );
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(world.mailer.sent).toEqual([mail]);
  });
});
