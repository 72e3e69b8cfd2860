import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  type ErrorCode,
  fixedWindowRateLimiter,
  invitationTokenFrom,
  manualClock,
  PartnerbookError,
  type PartnerbookEvent,
} from "../../src/index.js";
import { testSecret } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import { type StoreUnderTest, storesUnderTest } from "../support/faulty-store.js";
import { recoverableMailer } from "../support/mailers.js";

const minute = 60_000;
const day = 1440 * minute;

/**
 * A book with real (random) tokens, where every token issued, every answer and every refusal is
 * kept for inspection. Only the explicit carriers of a token — `qrCodes.mine/reissue`, an invite
 * link's `url` and the email itself — are left out of `records`.
 */
async function aWitnessedBook(adapter: StoreUnderTest) {
  const store = await adapter.makeStore();
  const clock = manualClock(new Date("2026-04-01T00:00:00.000Z"));
  const mailer = recoverableMailer();
  const book = createPartnerbook({
    store,
    clock,
    mailer,
    inviteBaseUrl: "https://app.example/invite",
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  const heard: PartnerbookEvent[] = [];
  book.events.subscribe((event) => heard.push(event));
  const records: unknown[] = [];
  const errors: PartnerbookError[] = [];
  const qrTokens: { token: string; owner: string; current: boolean }[] = [];
  const invitationTokens: string[] = [];

  return {
    book,
    clock,
    mailer,
    heard,
    records,
    errors,
    qrTokens,
    invitationTokens,
    snapshot: () => adapter.snapshot(store),
    /** Keeps an answer that carries no token by design. */
    async keep<T>(answer: Promise<T>): Promise<T> {
      const value = await answer;
      records.push(value);
      return value;
    },
    /** Expects a refusal with `code`, and keeps it. */
    async refuse(answer: Promise<unknown>, code: ErrorCode): Promise<void> {
      const error = await answer.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PartnerbookError);
      expect((error as PartnerbookError).code).toBe(code);
      errors.push(error as PartnerbookError);
    },
    /** A QR token that is the member's code from now on; the one it replaces is retired. */
    issuedQr(owner: string, token: string): string {
      for (const issued of qrTokens) if (issued.owner === owner) issued.current = false;
      qrTokens.push({ token, owner, current: true });
      return token;
    },
    /** The token of an invite URL (from a link or an email). */
    issuedInvitation(url: string): string {
      const token = invitationTokenFrom(url);
      if (token === null) throw new Error(`no token in ${url}`);
      invitationTokens.push(token);
      return token;
    },
  };
}

type Witness = Awaited<ReturnType<typeof aWitnessedBook>>;

/** The invite URLs in the emails the outbox holds, by address. */
function mailedUrls(witness: Witness): Map<string, string> {
  const urls = new Map<string, string>();
  for (const message of witness.mailer.messages) {
    const url = message.text.split("\n").find((line) => invitationTokenFrom(line) !== null);
    if (url !== undefined) urls.set(message.to, url);
  }
  return urls;
}

/**
 * Issues QR codes, email invitations and invite links, redeems some, and runs into every refusal
 * a token can meet: re-issued, used up, revoked, expired, own invitation, malformed, too long,
 * handed to the wrong door.
 */
async function aLifeOfTokens(witness: Witness) {
  const { book, keep, refuse } = witness;
  const acme = await keep(
    book.organisations.create({ name: "Acme", admin: { worksId: "acme-admin", displayName: "Acme Admin" } }),
  );
  const globex = await keep(
    book.organisations.create({
      name: "Globex",
      admin: { worksId: "globex-admin", displayName: "Globex Admin" },
    }),
  );
  const member = (org: typeof acme, worksId: string, email: string, mobilePhone?: string) =>
    keep(
      book.members.create(org.admin.id, {
        worksId,
        displayName: worksId,
        email,
        ...(mobilePhone === undefined ? {} : { mobilePhone }),
      }),
    );
  const sato = await member(acme, "sato", "sato@acme.example", "090-1111-2222");
  const suzuki = await member(acme, "suzuki", "suzuki@acme.example");
  const lee = await member(globex, "lee", "lee@globex.example", "090-1234-5678");
  const kim = await member(globex, "kim", "kim@globex.example");
  const park = await member(globex, "park", "park@globex.example");

  // R13: QR codes, one re-issued.
  const leeOld = witness.issuedQr(lee.id, (await book.qrCodes.mine(lee.id)).token);
  const leeNew = witness.issuedQr(lee.id, (await book.qrCodes.reissue(lee.id)).token);
  const kimQr = witness.issuedQr(kim.id, (await book.qrCodes.mine(kim.id)).token);
  await keep(book.contacts.addFromQr(sato.id, leeNew));
  await refuse(book.contacts.addFromQr(suzuki.id, leeOld), "NOT_FOUND");
  await refuse(book.contacts.addFromQr(park.id, kimQr), "NOT_FOUND");
  await refuse(book.contacts.addFromQr(suzuki.id, leeNew.repeat(7)), "VALIDATION");

  // R17: email invitations, with a bad address, a duplicate, a bounce and a re-send.
  witness.mailer.failFor("bounce@globex.example");
  await keep(
    book.invitations.sendEmail(sato.id, [
      "kim@globex.example",
      "park@globex.example",
      "not an address",
      "KIM@globex.example",
      "bounce@globex.example",
      "lee@globex.example",
    ]),
  );
  // The bounced mail waits in the outbox, and leaves once the mail server is back.
  witness.mailer.recover("bounce@globex.example");
  witness.clock.advance(minute);
  await keep(book.mail.deliverPending());
  const first = mailedUrls(witness);
  witness.issuedInvitation(first.get("bounce@globex.example") as string);
  const kimMail = witness.issuedInvitation(first.get("kim@globex.example") as string);
  const parkOld = witness.issuedInvitation(first.get("park@globex.example") as string);
  await keep(book.invitations.sendEmail(sato.id, ["park@globex.example"]));
  const parkNew = witness.issuedInvitation(mailedUrls(witness).get("park@globex.example") as string);
  await keep(book.invitations.redeem(kim.id, kimMail));
  await refuse(book.invitations.redeem(park.id, kimMail), "INVITATION_USED_UP");
  await refuse(book.invitations.redeem(park.id, parkOld), "NOT_FOUND");

  // R18: links, used up, revoked and expired.
  const once = await book.invitations.createLink(suzuki.id, { maxUses: 1 });
  const revoked = await book.invitations.createLink(suzuki.id);
  const brief = await book.invitations.createLink(suzuki.id, { expiresInDays: 1 });
  const own = await book.invitations.createLink(lee.id);
  for (const link of [once, revoked, brief, own]) {
    witness.issuedInvitation(link.url);
    witness.records.push(link.invitation);
  }
  await keep(book.invitations.redeem(lee.id, once.url));
  await refuse(book.invitations.redeem(park.id, once.url), "INVITATION_USED_UP");
  await keep(book.invitations.revoke(suzuki.id, revoked.invitation.id));
  await refuse(book.invitations.redeem(kim.id, revoked.url), "INVITATION_REVOKED");
  await refuse(book.invitations.redeem(lee.id, own.url), "NOT_PERMITTED");
  await refuse(book.invitations.redeem(kim.id, own.url), "NOT_PERMITTED");
  await keep(book.invitations.listPending(suzuki.id));
  await keep(book.invitations.listPending(sato.id));
  witness.clock.advance(2 * day);
  await refuse(book.invitations.redeem(park.id, brief.url), "INVITATION_EXPIRED");

  // Tokens at the wrong door, malformed, too long, or from a closed side.
  await refuse(book.contacts.addFromQr(park.id, parkNew), "NOT_FOUND");
  await refuse(book.invitations.redeem(sato.id, kimQr), "NOT_FOUND");
  await refuse(book.invitations.redeem(park.id, `${parkNew}!`), "VALIDATION");
  await refuse(book.invitations.redeem(park.id, parkNew.repeat(70)), "VALIDATION");
  await refuse(
    book.invitations.redeem(park.id, `https://app.example/invite/${parkNew}/${"x".repeat(2000)}`),
    "VALIDATION",
  );
  await keep(
    book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, { enabled: false }),
  );
  await refuse(book.invitations.redeem(park.id, parkNew), "LINKING_DISABLED");
  await refuse(book.contacts.addFromQr(park.id, leeNew), "LINKING_DISABLED");
  await keep(book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, { enabled: true }));
  await keep(book.invitations.redeem(park.id, parkNew));

  // Everything else a member can read back.
  for (const who of [sato, suzuki, lee, kim, park]) {
    await keep(book.members.get(who.id, who.id));
    await keep(book.contacts.list(who.id));
    await keep(book.trash.list(who.id));
    await keep(book.invitations.listPending(who.id));
  }
  return { acme, globex, sato, lee, kim, park };
}

/** The texts in `texts` that contain one of `secrets`, as `[secret, where]` pairs. */
function leaks(secrets: readonly string[], texts: Record<string, string>): [string, string][] {
  return secrets.flatMap((secret) =>
    Object.entries(texts)
      .filter(([, text]) => text.includes(secret))
      .map(([where]): [string, string] => [secret, where]),
  );
}

describe.each(storesUnderTest)("$name store", (adapter) => {
  describe("R13, R20: no invitation token or QR token appears in events, errors or toJSON output", () => {
    it("no issued token is in any event, refusal, returned record or stored invitation", async () => {
      const witness = await aWitnessedBook(adapter);
      const { acme, globex } = await aLifeOfTokens(witness);
      const tokens = [...witness.invitationTokens, ...witness.qrTokens.map((issued) => issued.token)];
      // Not vacuous: every kind of token was issued and every kind of refusal met.
      expect(witness.invitationTokens).toHaveLength(8);
      expect(witness.qrTokens).toHaveLength(3);
      expect(new Set(witness.errors.map((error) => error.code))).toEqual(
        new Set([
          "NOT_FOUND",
          "VALIDATION",
          "INVITATION_USED_UP",
          "INVITATION_REVOKED",
          "INVITATION_EXPIRED",
          "NOT_PERMITTED",
          "LINKING_DISABLED",
        ]),
      );

      const logs = [acme.organisation.id, globex.organisation.id];
      const events = [
        ...(await eventsOf(witness.book, acme.admin.id, acme.organisation.id)),
        ...(await eventsOf(witness.book, globex.admin.id, globex.organisation.id)),
      ];
      // Every event heard is in its organisation's log, in the order heard, and nothing else is.
      expect(witness.heard).toHaveLength(events.length);
      for (const organisationId of logs) {
        const inLog = (event: PartnerbookEvent) => event.organisationId === organisationId;
        expect(witness.heard.filter(inLog)).toEqual(events.filter(inLog));
      }
      const texts: Record<string, string> = {};
      events.forEach((event, i) => {
        texts[`event ${i + 1} (${event.type})`] = JSON.stringify(event);
      });
      witness.errors.forEach((error, i) => {
        const where = `refusal ${i + 1} (${error.code})`;
        texts[`${where} JSON.stringify`] = JSON.stringify(error);
        texts[`${where} toJSON`] = JSON.stringify(error.toJSON());
        texts[`${where} message`] = error.message;
        texts[`${where} String`] = String(error);
        texts[`${where} stack`] = error.stack ?? "";
        texts[`${where} inspect`] = inspect(error, { depth: null });
      });
      witness.records.forEach((record, i) => {
        texts[`record ${i + 1}`] = JSON.stringify(record);
      });
      expect(leaks(tokens, texts)).toEqual([]);
    });

    it("R20: the store keeps no invitation token and no QR token, current or retired", async () => {
      const witness = await aWitnessedBook(adapter);
      await aLifeOfTokens(witness);
      const stored = JSON.stringify(await witness.snapshot());
      const retired = witness.qrTokens.filter((issued) => !issued.current);
      expect(retired).toHaveLength(1);
      // R13: `qrCodes.mine` shows the same code again, derived from the secret, not kept.
      const qr = witness.qrTokens.map((issued) => issued.token);
      expect(leaks([...witness.invitationTokens, ...qr], { store: stored })).toEqual([]);
    });

    it("R35: events carry no email address or phone number either", async () => {
      const witness = await aWitnessedBook(adapter);
      const { acme, globex } = await aLifeOfTokens(witness);
      const events = JSON.stringify([
        ...(await eventsOf(witness.book, acme.admin.id, acme.organisation.id)),
        ...(await eventsOf(witness.book, globex.admin.id, globex.organisation.id)),
      ]);
      const personal = [
        ...witness.mailer.messages.map((message) => message.to),
        "@acme.example",
        "@globex.example",
        "not an address",
        "+819011112222",
        "+819012345678",
        "090-1111-2222",
        "090-1234-5678",
      ];
      expect(leaks(personal, { events })).toEqual([]);
    });
  });
});
