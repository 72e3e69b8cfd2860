import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  type ErrorCode,
  fixedWindowRateLimiter,
  type IdSource,
  type Invitation,
  type InvitationId,
  type LinkedContact,
  type Member,
  type MemberId,
  manualClock,
  PartnerbookError,
  type PartnerbookOptions,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import {
  aMember,
  anOrganisation,
  start,
  testSecret,
  twoLinkableMembers,
  type World,
} from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";
import { queuedMail, type RecoverableMailer, recoverableMailer } from "../support/mailers.js";
import { aRecordingWorld } from "../support/recording-store.js";

const inviteBaseUrl = "https://app.example.com/invite";
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A world that can send invitations: an outbox mailer and a known invite base URL. */
interface InvitingWorld extends World {
  readonly outbox: RecoverableMailer;
}

/**
 * A fresh world with an outbox mailer (unless `mailer: false`) and sequential ids (or, with
 * `random: true`, the default random ids and tokens).
 */
function anInvitingWorld(
  options: { mailer?: boolean; locale?: "ja" | "en"; random?: boolean; ids?: IdSource } = {},
): InvitingWorld {
  const store = memoryStore();
  const clock = manualClock(start);
  const outbox = recoverableMailer();
  const settings: PartnerbookOptions = {
    store,
    clock,
    inviteBaseUrl,
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    ...(options.random === true ? {} : { ids: options.ids ?? sequentialIds() }),
    ...(options.mailer === false ? {} : { mailer: outbox }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  return { book: createPartnerbook(settings), store, clock, outbox };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The token of an invite URL, checking the URL is `<inviteBaseUrl>/<token>`. */
function tokenOf(url: string): string {
  expect(url.startsWith(`${inviteBaseUrl}/`)).toBe(true);
  return url.slice(inviteBaseUrl.length + 1);
}

/** The invite URL in the latest mail to `address`. */
function mailedUrl(world: InvitingWorld, address: string): string {
  const mail = world.outbox.messages.findLast((message) => message.to === address);
  const url = mail?.text.match(/https:\/\/app\.example\.com\/invite\/\S+/)?.[0];
  if (url === undefined) throw new Error(`no invite URL mailed to ${address}`);
  return url;
}

/** A member of a fresh organisation of their own, linking on. */
async function anExternalMember(world: World, input: { email?: string } = {}): Promise<Member> {
  return aMember(world, await anOrganisation(world), input);
}

/** The error `step` was refused with; fails the test if it was not refused. */
async function refusalOf(step: Promise<unknown>): Promise<PartnerbookError> {
  try {
    await step;
  } catch (error) {
    if (error instanceof PartnerbookError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Asserts `step` is refused with `code` and leaves the store exactly as it was. */
async function expectRefusedUnchanged(world: World, step: () => Promise<unknown>, code: ErrorCode) {
  const before = world.store.snapshot();
  expect((await refusalOf(step())).code).toBe(code);
  expect(world.store.snapshot()).toEqual(before);
}

function linkedContactOf(world: World, owner: MemberId, target: MemberId): LinkedContact | undefined {
  return world.store
    .snapshot()
    .contacts.find(
      (contact): contact is LinkedContact =>
        contact.kind === "linked" && contact.ownerId === owner && contact.targetMemberId === target,
    );
}

function storedInvitation(world: World, id: InvitationId | null): Invitation | undefined {
  return world.store.snapshot().invitations.find((invitation) => invitation.id === id);
}

describe("R17: email invitations", () => {
  it("R17: each address gets its own single-use invitation and its own mail", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const results = await world.book.invitations.sendEmail(sato.id, [
      "tanaka@example.jp",
      "suzuki@example.jp",
    ]);
    expect(results.map((result) => result.status)).toEqual(["sent", "sent"]);
    expect(new Set(results.map((result) => result.invitationId)).size).toBe(2);
    const invitations = world.store.snapshot().invitations;
    expect(invitations).toHaveLength(2);
    for (const result of results) {
      expect(storedInvitation(world, result.invitationId)).toMatchObject({
        kind: "email",
        email: result.email,
        inviterId: sato.id,
        maxUses: 1,
        uses: 0,
        revokedAt: null,
      });
    }
    expect(world.outbox.messages.map((message) => message.to)).toEqual([
      "tanaka@example.jp",
      "suzuki@example.jp",
    ]);
    expect(mailedUrl(world, "tanaka@example.jp")).not.toBe(mailedUrl(world, "suzuki@example.jp"));
  });

  it("R17: results come per address in the order given, duplicates case-insensitively, and bad addresses never sink the batch", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const typed = [
      "tanaka@example.jp",
      "not-an-email",
      "Suzuki@Example.jp",
      "TANAKA@example.jp",
      "bad@@x",
      " suzuki@example.jp ",
      "yamada@example.jp",
    ];
    const results = await world.book.invitations.sendEmail(sato.id, typed);
    expect(results.map((result) => result.email)).toEqual(typed);
    expect(results.map((result) => result.status)).toEqual([
      "sent",
      "invalid_address",
      "sent",
      "duplicate_in_request",
      "invalid_address",
      "duplicate_in_request",
      "sent",
    ]);
    for (const result of results) {
      expect(result.invitationId === null).toBe(result.status !== "sent");
    }
    expect(
      world.store
        .snapshot()
        .invitations.map((invitation) => invitation.email)
        .sort(),
    ).toEqual(["suzuki@example.jp", "tanaka@example.jp", "yamada@example.jp"]);
    expect(world.outbox.messages).toHaveLength(3);
  });

  it("R17: an address of someone already a live contact of the inviter is already_contact and gets nothing", async () => {
    const world = anInvitingWorld();
    const { acme } = await twoLinkableMembers(world);
    const sato = await aMember(world, acme);
    const lee = await anExternalMember(world, { email: "Lee.Min@globex.example" });
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    const results = await world.book.invitations.sendEmail(sato.id, [
      "lee.min@GLOBEX.example",
      "kim@example.jp",
    ]);
    expect(results.map((result) => [result.status, result.invitationId === null])).toEqual([
      ["already_contact", true],
      ["sent", false],
    ]);
    expect(world.store.snapshot().invitations.map((invitation) => invitation.email)).toEqual([
      "kim@example.jp",
    ]);
    expect(world.outbox.messages.map((message) => message.to)).toEqual(["kim@example.jp"]);
  });

  it("R17: someone whose contact is in the inviter's trash is not already a contact", async () => {
    const world = anInvitingWorld();
    const sato = await anExternalMember(world);
    const lee = await anExternalMember(world, { email: "lee@globex.example" });
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.trash.delete(sato.id, contact.id);
    const [result] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    expect(result?.status).toBe("sent");
  });

  it("R17: a pending invitation is re-sent with a refreshed expiry; the old link stops working, the new one works", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [first] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const oldUrl = mailedUrl(world, "lee@globex.example");
    world.clock.advance(3 * day);
    const [again] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    expect(again).toEqual({
      email: "lee@globex.example",
      status: "already_invited",
      invitationId: first?.invitationId,
    });
    const newUrl = mailedUrl(world, "lee@globex.example");
    expect(newUrl).not.toBe(oldUrl);
    expect(world.outbox.messages).toHaveLength(2);
    // One idempotency key per version of the invitation: the re-sent mail is a new message.
    expect(world.outbox.messages.map((message) => message.idempotencyKey)).toEqual([
      `${first?.invitationId}:1`,
      `${first?.invitationId}:2`,
    ]);
    const invitations = world.store.snapshot().invitations;
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.expiresAt).toEqual(new Date(start.getTime() + 3 * day + 14 * day));
    expect(invitations[0]?.tokenHash).toBe(sha256(tokenOf(newUrl)));
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, oldUrl), "NOT_FOUND");
    const redeemed = await world.book.invitations.redeem(lee.id, newUrl);
    expect(redeemed.status).toBe("added");
    expect(redeemed.invitationId).toBe(first?.invitationId);
  });

  it("R17: a re-sent invitation is still valid past the first expiry", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    world.clock.advance(10 * day);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    world.clock.advance(10 * day);
    expect((await world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example"))).status).toBe(
      "added",
    );
  });

  it("R17: up to 100 addresses a call are accepted", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const addresses = Array.from({ length: 100 }, (_, i) => `person${i}@example.jp`);
    const results = await world.book.invitations.sendEmail(sato.id, addresses);
    expect(results.filter((result) => result.status === "sent")).toHaveLength(100);
    expect(world.outbox.messages).toHaveLength(100);
  });

  it("R17: 101 addresses, or none, is VALIDATION and sends nothing", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const addresses = Array.from({ length: 101 }, (_, i) => `person${i}@example.jp`);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.sendEmail(sato.id, addresses),
      "VALIDATION",
    );
    await expectRefusedUnchanged(world, () => world.book.invitations.sendEmail(sato.id, []), "VALIDATION");
    expect(world.outbox.messages).toHaveLength(0);
  });

  it("R17: a mailer failure gives queued: the invitation and its event exist, and the mail waits in the outbox", async () => {
    const world = anInvitingWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    world.outbox.failFor("suzuki@example.jp");
    const eventsBefore = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).length;
    const results = await world.book.invitations.sendEmail(sato.id, [
      "tanaka@example.jp",
      "Suzuki@example.jp",
      "yamada@example.jp",
    ]);
    expect(results.map((result) => [result.status, result.invitationId === null])).toEqual([
      ["sent", false],
      ["queued", false],
      ["sent", false],
    ]);
    const invitations = world.store.snapshot().invitations;
    expect(invitations.map((invitation) => invitation.email).sort()).toEqual([
      "suzuki@example.jp",
      "tanaka@example.jp",
      "yamada@example.jp",
    ]);
    expect(storedInvitation(world, results[1]?.invitationId ?? null)).toMatchObject({
      kind: "email",
      email: "suzuki@example.jp",
      inviterId: sato.id,
      uses: 0,
      revokedAt: null,
    });
    expect((await world.book.invitations.listPending(sato.id)).map((invitation) => invitation.id)).toContain(
      results[1]?.invitationId,
    );
    const added = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).slice(eventsBefore);
    expect(added.map((event) => event.type)).toEqual([
      "invitation_created",
      "invitation_created",
      "invitation_created",
    ]);
    expect(added.map((event) => ("invitationId" in event ? event.invitationId : null))).toEqual(
      results.map((result) => result.invitationId),
    );
    expect(world.outbox.messages.map((message) => message.to)).toEqual([
      "tanaka@example.jp",
      "yamada@example.jp",
    ]);
    expect((await queuedMail(world.store)).map((mail) => mail.to)).toEqual(["suzuki@example.jp"]);
  });

  it("R17: a queued mail is delivered by mail.deliverPending once the mailer works again, and its link redeems", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    world.outbox.failFor("lee@globex.example");
    const [result] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    expect(result?.status).toBe("queued");
    // Still failing: the run tries nothing before the message is due, then fails it again.
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 0, pending: 1 });
    world.clock.advance(minute);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 1, pending: 1 });
    expect(world.outbox.messages).toHaveLength(0);
    world.outbox.recover("lee@globex.example");
    world.clock.advance(hour);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(world.outbox.messages.map((message) => message.to)).toEqual(["lee@globex.example"]);
    expect(world.outbox.messages[0]?.idempotencyKey).toBe(`${result?.invitationId}:1`);
    expect(world.store.snapshot().outbox).toEqual([]);
    // Delivered once: a later run has nothing to send.
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 0, failed: 0, pending: 0 });
    expect(world.outbox.messages).toHaveLength(1);
    const url = mailedUrl(world, "lee@globex.example");
    expect(storedInvitation(world, result?.invitationId ?? null)?.tokenHash).toBe(sha256(tokenOf(url)));
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
  });

  it("R17: a re-send the mailer refuses is already_invited under a new token, and its mail is delivered later", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [first] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const oldUrl = mailedUrl(world, "lee@globex.example");
    world.clock.advance(day);
    world.outbox.failFor("lee@globex.example");
    const [result] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    expect(result).toEqual({
      email: "lee@globex.example",
      status: "already_invited",
      invitationId: first?.invitationId,
    });
    expect(world.outbox.messages).toHaveLength(1);
    expect((await queuedMail(world.store)).map((mail) => mail.to)).toEqual(["lee@globex.example"]);
    world.outbox.recover("lee@globex.example");
    world.clock.advance(minute);
    expect(await world.book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    const newUrl = mailedUrl(world, "lee@globex.example");
    expect(newUrl).not.toBe(oldUrl);
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, oldUrl), "NOT_FOUND");
    expect((await world.book.invitations.redeem(lee.id, newUrl)).status).toBe("added");
  });

  it("R17: a mailer that does not answer within mailTimeoutMs leaves the mail queued", async () => {
    const store = memoryStore();
    const clock = manualClock(start);
    const delivered = recoverableMailer();
    let answering = false;
    const book = createPartnerbook({
      store,
      clock,
      ids: sequentialIds(),
      inviteBaseUrl,
      secret: testSecret,
      mailTimeoutMs: 5,
      mailer: { send: (message) => (answering ? delivered.send(message) : new Promise<void>(() => {})) },
    });
    const { sato } = await twoLinkableMembers({ book, store, clock });
    const [result] = await book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    expect(result).toMatchObject({ status: "queued", invitationId: expect.any(String) });
    expect((await queuedMail(store)).map((mail) => mail.to)).toEqual(["tanaka@example.jp"]);
    answering = true;
    clock.advance(minute);
    expect(await book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 0 });
    expect(delivered.messages.map((message) => message.to)).toEqual(["tanaka@example.jp"]);
  });

  it("R17: mail.deliverPending without a mailer is NOT_CONFIGURED", async () => {
    const world = anInvitingWorld({ mailer: false });
    await expect(world.book.mail.deliverPending()).rejects.toMatchObject({ code: "NOT_CONFIGURED" });
  });

  it("R17: the mail is Japanese by default, from the inviter, and carries the invite URL", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const [result] = await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    const [mail] = world.outbox.messages;
    expect(mail?.locale).toBe("ja");
    expect(mail?.subject).toContain("佐藤 花子");
    expect(mail?.subject).toContain("Acme");
    expect(mail?.text).toContain("招待");
    expect(mail?.text).toContain("2026年4月15日");
    const url = mailedUrl(world, "tanaka@example.jp");
    expect(storedInvitation(world, result?.invitationId ?? null)?.tokenHash).toBe(sha256(tokenOf(url)));
  });

  it("R17: with locale en the mail is English", async () => {
    const world = anInvitingWorld({ locale: "en" });
    const { sato } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    const [mail] = world.outbox.messages;
    expect(mail?.locale).toBe("en");
    expect(mail?.subject).toContain("invited you");
    expect(mail?.text).toContain("15 April 2026");
    expect(mail?.text).toContain(mailedUrl(world, "tanaka@example.jp"));
    expect(mail?.text).not.toContain("招待");
  });

  it("R17: without a mailer, sendEmail is NOT_CONFIGURED and changes nothing", async () => {
    const world = anInvitingWorld({ mailer: false });
    const { sato } = await twoLinkableMembers(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]),
      "NOT_CONFIGURED",
    );
  });

  it("R17: without a mailer, sendEmail is NOT_CONFIGURED even when no address is valid", async () => {
    const world = anInvitingWorld({ mailer: false });
    const { sato } = await twoLinkableMembers(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.sendEmail(sato.id, ["not-an-email"]),
      "NOT_CONFIGURED",
    );
  });

  it("R3, R17: an inviter whose own side is closed gets LINKING_DISABLED and nothing is sent", async () => {
    const world = anInvitingWorld();
    const sato = await aMember(world, await anOrganisation(world, { linking: false }));
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]),
      "LINKING_DISABLED",
    );
    expect(world.outbox.messages).toHaveLength(0);
  });

  it("R2, R17: an inviter outside their organisation's scope gets LINKING_DISABLED", async () => {
    const world = anInvitingWorld();
    const acme = await anOrganisation(world);
    const sato = await aMember(world, acme);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]),
      "LINKING_DISABLED",
    );
  });
});

describe("R18: invite links", () => {
  it("R18: the link URL is the invite base URL, a slash and the token; only the token's hash is stored", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    const token = tokenOf(url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(url).toBe(`${inviteBaseUrl}/${token}`);
    expect(invitation).toMatchObject({
      kind: "link",
      inviterId: sato.id,
      email: null,
      maxUses: null,
      uses: 0,
    });
    expect(invitation.tokenHash).toBe(sha256(token));
    expect(storedInvitation(world, invitation.id)).toEqual(invitation);
  });

  it("R18: a link is reusable by several people until it expires", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const redeemers = [
      await anExternalMember(world),
      await anExternalMember(world),
      await anExternalMember(world),
    ];
    for (const redeemer of redeemers) {
      expect((await world.book.invitations.redeem(redeemer.id, url)).status).toBe("added");
      expect(linkedContactOf(world, sato.id, redeemer.id)).toBeDefined();
    }
    world.clock.advance(14 * day);
    const late = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(late.id, url),
      "INVITATION_EXPIRED",
    );
  });

  it("R18: a link with maxUses k is used up after k redeems", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id, { maxUses: 2 });
    const [first, second, third] = [
      await anExternalMember(world),
      await anExternalMember(world),
      await anExternalMember(world),
    ];
    if (first === undefined || second === undefined || third === undefined) throw new Error("no redeemers");
    await world.book.invitations.redeem(first.id, url);
    await world.book.invitations.redeem(second.id, url);
    expect(storedInvitation(world, invitation.id)?.uses).toBe(2);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(third.id, url),
      "INVITATION_USED_UP",
    );
    expect(linkedContactOf(world, third.id, sato.id)).toBeUndefined();
  });

  it("R18: expiresInDays sets the expiry: still fine 1 ms before it, expired exactly at it", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id, { expiresInDays: 3 });
    expect(invitation.expiresAt).toEqual(new Date(start.getTime() + 72 * hour));
    world.clock.set(new Date(invitation.expiresAt.getTime() - 1));
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    world.clock.set(invitation.expiresAt);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_EXPIRED",
    );
  });

  it("R18, R20: by default a link lives 14 days", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation } = await world.book.invitations.createLink(sato.id);
    expect(invitation.expiresAt.getTime() - start.getTime()).toBe(336 * hour);
  });

  it("R18, R20: the organisation's invitationExpiryDays is the default for links and email invitations", async () => {
    const world = anInvitingWorld();
    const initech = await world.book.organisations.create({
      name: "Initech",
      invitationExpiryDays: 7,
      admin: { worksId: "initech-admin", displayName: "Initech Admin" },
    });
    const me = initech.admin.id;
    const { invitation: link } = await world.book.invitations.createLink(me);
    const [mailed] = await world.book.invitations.sendEmail(me, ["tanaka@example.jp"]);
    const week = new Date(start.getTime() + 7 * day);
    expect(link.expiresAt).toEqual(week);
    expect(storedInvitation(world, mailed?.invitationId ?? null)?.expiresAt).toEqual(week);
    const { invitation: custom } = await world.book.invitations.createLink(me, { expiresInDays: 30 });
    expect(custom.expiresAt).toEqual(new Date(start.getTime() + 30 * day));
  });

  it("R18: malformed link options are VALIDATION and create nothing", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    for (const options of [{ expiresInDays: 0 }, { maxUses: 0 }, { maxUses: 1.5 }, { forever: true }]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.createLink(sato.id, options as { maxUses?: number }),
        "VALIDATION",
      );
    }
  });

  it("R3, R18: an inviter whose own side is closed cannot create a link", async () => {
    const world = anInvitingWorld();
    const sato = await aMember(world, await anOrganisation(world, { linking: false }));
    await expectRefusedUnchanged(world, () => world.book.invitations.createLink(sato.id), "LINKING_DISABLED");
  });

  it("R18: only the inviter may revoke; a colleague or an outsider gets NOT_FOUND", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { invitation } = await world.book.invitations.createLink(sato.id);
    for (const other of [colleague.id, acme.admin.id, lee.id]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.revoke(other, invitation.id),
        "NOT_FOUND",
      );
    }
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.revoke(sato.id, "inv_unknown" as InvitationId),
      "NOT_FOUND",
    );
    const revoked = await world.book.invitations.revoke(sato.id, invitation.id);
    expect(revoked.revokedAt).toEqual(start);
    expect(storedInvitation(world, invitation.id)?.revokedAt).toEqual(start);
  });

  it("R18, R19: a revoked link is refused with INVITATION_REVOKED, even for those who could use it before", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.redeem(lee.id, url);
    await world.book.invitations.revoke(sato.id, invitation.id);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_REVOKED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_REVOKED",
    );
  });

  it("R18: listPending lists only the inviter's invitations that can still be redeemed", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const open = await world.book.invitations.createLink(sato.id);
    const revoked = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.revoke(sato.id, revoked.invitation.id);
    const usedUp = await world.book.invitations.createLink(sato.id, { maxUses: 1 });
    await world.book.invitations.redeem(lee.id, usedUp.url);
    const short = await world.book.invitations.createLink(sato.id, { expiresInDays: 1 });
    const [mailed] = await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.createLink(colleague.id);
    const pendingIds = async () =>
      (await world.book.invitations.listPending(sato.id)).map((invitation) => invitation.id).sort();
    expect(await pendingIds()).toEqual(
      [open.invitation.id, short.invitation.id, mailed?.invitationId].sort(),
    );
    world.clock.advance(day);
    expect(await pendingIds()).toEqual([open.invitation.id, mailed?.invitationId].sort());
    world.clock.advance(13 * day);
    expect(await pendingIds()).toEqual([]);
  });
});

describe("R19: redeeming", () => {
  it("R12, R19: redeeming a link puts the inviter in the redeemer's book and the redeemer in the inviter's", async () => {
    const world = anInvitingWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    const result = await world.book.invitations.redeem(lee.id, url);
    expect(result).toMatchObject({
      status: "added",
      invitationId: invitation.id,
      contact: {
        kind: "linked",
        ownerId: lee.id,
        targetMemberId: sato.id,
        targetOrganisationId: acme.organisation.id,
      },
    });
    expect(linkedContactOf(world, lee.id, sato.id)).toEqual(result.contact);
    expect(linkedContactOf(world, sato.id, lee.id)).toMatchObject({
      targetOrganisationId: globex.organisation.id,
      trash: null,
    });
    const adds = (await everyEvent(world)).filter((event) => event.type === "contact_added");
    expect(adds.map((event) => [event.ownerId, event.kind, event.via]).sort()).toEqual(
      [
        [lee.id, "linked", "invitation"],
        [sato.id, "linked", "invitation"],
      ].sort(),
    );
    expect(storedInvitation(world, invitation.id)?.uses).toBe(1);
  });

  it("R12, R19: both can talk at once after a redeem", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const { contact } = await world.book.invitations.redeem(lee.id, url);
    const back = linkedContactOf(world, sato.id, lee.id);
    expect((await world.book.contacts.talkAccess(lee.id, contact.id)).canTalk).toBe(true);
    expect((await world.book.contacts.talkAccess(sato.id, back?.id ?? contact.id)).canTalk).toBe(true);
  });

  it("R19: the bare token redeems like the full URL", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, `  ${tokenOf(url)} `)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R12, R19: accepting an email invitation from the mailed link links both ways", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [sent] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const result = await world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example"));
    expect(result).toMatchObject({ status: "added", invitationId: sent?.invitationId });
    expect(linkedContactOf(world, lee.id, sato.id)).toBeDefined();
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R3, R19: the inviter's organisation switched off after the link was made: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
  });

  it("R2, R19: the inviter moved out of scope after the link was made: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
  });

  it("R4, R19: the inviter's organisation blocking the redeemer's: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      partners: { kind: "block", organisations: [globex.organisation.id] },
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
  });

  it("R3, R19: a redeemer whose own side is off gets LINKING_DISABLED and nothing changes", async () => {
    const world = anInvitingWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "LINKING_DISABLED");
  });

  it("R19, R20: an invitation redeemed exactly 14 × 24 h after it was made is INVITATION_EXPIRED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    world.clock.advance(14 * day);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_EXPIRED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example")),
      "INVITATION_EXPIRED",
    );
  });

  it("R19: a revoked email invitation is INVITATION_REVOKED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [sent] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    await world.book.invitations.revoke(sato.id, sent?.invitationId as InvitationId);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example")),
      "INVITATION_REVOKED",
    );
  });

  it("R19, R20: an email invitation is single-use: a second redeem is INVITATION_USED_UP and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const url = mailedUrl(world, "lee@globex.example");
    await world.book.invitations.redeem(lee.id, url);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_USED_UP",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_USED_UP",
    );
    expect(linkedContactOf(world, sato.id, kim.id)).toBeUndefined();
  });

  it("R19: an unknown, well-formed token is NOT_FOUND and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, "Zq3xW8kLm2Np5Rt7Vb9Yc1Df"),
      "NOT_FOUND",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, `${inviteBaseUrl}/Zq3xW8kLm2Np5Rt7Vb9Yc1Df`),
      "NOT_FOUND",
    );
  });

  it("R19: a malformed token is VALIDATION and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    for (const input of ["not a token", "", "abc", `${inviteBaseUrl}/`, "x".repeat(2001), 42]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.redeem(lee.id, input as string),
        "VALIDATION",
      );
    }
  });

  it("R3, R19: redeeming your own invitation is NOT_PERMITTED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(sato.id, url), "NOT_PERMITTED");
  });

  it("R3, R19: redeeming an invitation from your own organisation is NOT_PERMITTED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["colleague@acme.example"]);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(colleague.id, url),
      "NOT_PERMITTED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(colleague.id, mailedUrl(world, "colleague@acme.example")),
      "NOT_PERMITTED",
    );
  });

  it("R15, R19: redeeming a link again when already linked answers existing and adds no contact", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const first = await world.book.invitations.redeem(lee.id, url);
    const contactsBefore = world.store.snapshot().contacts;
    const again = await world.book.invitations.redeem(lee.id, url);
    expect(again.status).toBe("existing");
    expect(again.contact.id).toBe(first.contact.id);
    expect(world.store.snapshot().contacts).toEqual(contactsBefore);
  });

  it("R15, R19: redeeming someone already added from a search answers existing and completes the other side", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const added = await world.book.contacts.addFromSearch(lee.id, sato.id);
    const { url } = await world.book.invitations.createLink(sato.id);
    const result = await world.book.invitations.redeem(lee.id, url);
    expect(result).toMatchObject({ status: "existing", contact: { id: added.contact.id } });
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R15, R19: a redeemer in the inviter's trash stays in the trash while the inviter joins the redeemer's book", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.trash.delete(sato.id, contact.id);
    const trashedBefore = linkedContactOf(world, sato.id, lee.id);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toEqual(trashedBefore);
    expect(linkedContactOf(world, lee.id, sato.id)).toBeDefined();
  });
});

describe("R20: tokens", () => {
  it("R20: the store never holds a token, only its SHA-256 in hex", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, url);
    const stored = JSON.stringify(world.store.snapshot());
    for (const token of [tokenOf(url), tokenOf(mailedUrl(world, "tanaka@example.jp"))]) {
      expect(stored).not.toContain(token);
      expect(stored).toContain(sha256(token));
    }
  });

  it("R20: with the default random ids, tokens carry at least 128 bits, are URL-safe and never repeat", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    const tokens = [tokenOf(mailedUrl(world, "tanaka@example.jp"))];
    for (let i = 0; i < 20; i++) tokens.push(tokenOf((await world.book.invitations.createLink(sato.id)).url));
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(token.length * 6).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("R20: a random-id link redeems both ways", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });
});

describe("R20: a token is never issued twice", () => {
  /** Sequential ids whose token source is stuck on one value, as a broken source could be. */
  const stuckTokens = (): IdSource => {
    const ids = sequentialIds();
    return { id: (kind) => ids.id(kind), token: () => "stuck-token-0000000000" };
  };

  it("R20: a second link with a repeated token is a CONFLICT and creates nothing", async () => {
    const world = anInvitingWorld({ ids: stuckTokens() });
    const { sato } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(world, () => world.book.invitations.createLink(sato.id), "CONFLICT");
  });

  it("R17, R20: an email invitation with a repeated token fails for its address alone", async () => {
    const world = anInvitingWorld({ ids: stuckTokens() });
    const { sato } = await twoLinkableMembers(world);
    const results = await world.book.invitations.sendEmail(sato.id, [
      "tanaka@example.jp",
      "suzuki@example.jp",
    ]);
    expect(results.map((result) => result.status)).toEqual(["sent", "send_failed"]);
    expect(world.store.snapshot().invitations.map((invitation) => invitation.email)).toEqual([
      "tanaka@example.jp",
    ]);
    expect(world.outbox.messages.map((message) => message.to)).toEqual(["tanaka@example.jp"]);
  });
});

describe("R35: invitation events", () => {
  it("R35: creating, re-sending, revoking and redeeming invitations are recorded", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const before = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).length;
    const { invitation: link, url } = await world.book.invitations.createLink(sato.id, { expiresInDays: 2 });
    const [mailed] = await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    world.clock.advance(hour);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, url);
    await world.book.invitations.revoke(sato.id, link.id);
    const events = (await eventsOf(world.book, acme.admin.id, acme.organisation.id))
      .slice(before)
      .filter((event) => event.type.startsWith("invitation_"));
    expect(events).toEqual([
      expect.objectContaining({
        type: "invitation_created",
        actorId: sato.id,
        invitationId: link.id,
        kind: "link",
        expiresAt: link.expiresAt,
      }),
      expect.objectContaining({
        type: "invitation_created",
        actorId: sato.id,
        invitationId: mailed?.invitationId,
        kind: "email",
        expiresAt: new Date(start.getTime() + 14 * day),
      }),
      expect.objectContaining({
        type: "invitation_resent",
        actorId: sato.id,
        invitationId: mailed?.invitationId,
        kind: "email",
        expiresAt: new Date(start.getTime() + hour + 14 * day),
      }),
      expect.objectContaining({
        type: "invitation_redeemed",
        actorId: lee.id,
        invitationId: link.id,
        redeemerId: lee.id,
      }),
      expect.objectContaining({ type: "invitation_revoked", actorId: sato.id, invitationId: link.id }),
    ]);
  });

  it("R20, R35: no token appears in any event, error message or error toJSON, and no address in any event", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato, lee } = await twoLinkableMembers(world);
    const kim = await anExternalMember(world);
    const once = await world.book.invitations.createLink(sato.id, { maxUses: 1 });
    const revoked = await world.book.invitations.createLink(sato.id);
    const expiring = await world.book.invitations.createLink(sato.id, { expiresInDays: 1 });
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, once.url);
    await world.book.invitations.revoke(sato.id, revoked.invitation.id);
    const mailedToken = tokenOf(mailedUrl(world, "tanaka@example.jp"));
    const tokens = [once.url, revoked.url, expiring.url].map(tokenOf).concat(mailedToken);
    const errors = [
      await refusalOf(world.book.invitations.redeem(kim.id, once.url)),
      await refusalOf(world.book.invitations.redeem(kim.id, revoked.url)),
      await refusalOf(world.book.invitations.redeem(sato.id, expiring.url)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${mailedToken}!`)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${inviteBaseUrl}/${mailedToken}x`)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${mailedToken} ${"x".repeat(2000)}`)),
    ];
    world.clock.advance(day);
    errors.push(await refusalOf(world.book.invitations.redeem(kim.id, expiring.url)));
    expect(errors.map((error) => error.code)).toEqual([
      "INVITATION_USED_UP",
      "INVITATION_REVOKED",
      "NOT_PERMITTED",
      "VALIDATION",
      "NOT_FOUND",
      "VALIDATION",
      "INVITATION_EXPIRED",
    ]);
    const events = JSON.stringify(await everyEvent(world));
    expect(events).toContain("invitation_redeemed");
    expect(events).not.toContain("tanaka@example.jp");
    for (const token of tokens) {
      expect(events).not.toContain(token);
      for (const error of errors) {
        expect(error.message).not.toContain(token);
        expect(JSON.stringify(error.toJSON())).not.toContain(token);
      }
    }
  });
});

describe("R18, R19: opening a link again once linked", () => {
  it("R18: a redeemer already linked both ways uses up no slot, so newcomers still get in", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url, invitation } = await world.book.invitations.createLink(sato.id, { maxUses: 2 });
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    const before = world.store.snapshot();
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("existing");
    expect(world.store.snapshot()).toEqual(before);
    const newcomer = await anExternalMember(world);
    expect((await world.book.invitations.redeem(newcomer.id, url)).status).toBe("added");
    const stored = world.store.snapshot().invitations.find((i) => i.id === invitation.id);
    expect(stored?.uses).toBe(2);
  });

  it("R19: links made with sequentialIds() can be redeemed (tokens are long enough)", async () => {
    const world = anInvitingWorld({ ids: sequentialIds() });
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
  });
});

describe("R16, R19: a redeem into a full book", () => {
  it("R16: when the inviter's organisation is full the redeem is refused, naming it, and nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    for (let i = 0; i < 500; i++) {
      await world.book.contacts.addCustomer(sato.id, {
        familyName: `顧客${i}`,
        emails: [{ address: `c${i}@example.jp` }],
      });
    }
    const before = world.store.snapshot();
    const refusal = await refusalOf(world.book.invitations.redeem(lee.id, url));
    expect(refusal).toMatchObject({ code: "LIMIT_REACHED", details: { limit: 500 } });
    expect(refusal.message).toContain(acme.organisation.name);
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R10: one answer for every refusal on the other side, by invitation or by QR code", () => {
  type Scene = Awaited<ReturnType<typeof twoLinkableMembers>>;
  type RecordingWorld = World & { readonly calls: string[] };

  /** What `step` answered and the store calls it made; the store must be left as it was. */
  async function answerOf(world: RecordingWorld, step: () => Promise<unknown>) {
    const before = world.store.snapshot();
    world.calls.length = 0;
    const answer = (await refusalOf(step())).toJSON();
    const calls = [...world.calls];
    expect(world.store.snapshot()).toEqual(before);
    return { answer, calls };
  }

  /** Expects every answer — code, message, details — and every list of store calls to be the same. */
  function expectAllAlike(answers: readonly (readonly [string, Awaited<ReturnType<typeof answerOf>>])[]) {
    const [, first] = answers[0] ?? [];
    for (const [reason, { answer, calls }] of answers) {
      expect({ reason, answer }).toEqual({ reason, answer: first?.answer });
      expect({ reason, calls }).toEqual({ reason, calls: first?.calls });
    }
  }

  type Refuse = (world: World, scene: Scene) => Promise<unknown>;
  const offAt =
    (side: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        enabled: false,
      });
  const scopedAt =
    (side: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        scope: { kind: "listed", members: [scene[side].admin.id] },
      });
  const blocking =
    (side: "acme" | "globex", other: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        partners: { kind: "block", organisations: [scene[other].organisation.id] },
      });

  // Sato (Acme) invites; Lee (Globex) redeems.
  const inviterSideRefusals: readonly (readonly [string, Refuse])[] = [
    ["the inviter's organisation is off", offAt("acme")],
    ["the inviter is outside its scope", scopedAt("acme")],
    ["the inviter's organisation blocks the redeemer's", blocking("acme", "globex")],
    [
      "the inviter's organisation allows others only",
      (world, { acme }) =>
        world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
          partners: { kind: "allow", organisations: [] },
        }),
    ],
    ["the redeemer's organisation blocks the inviter's", blocking("globex", "acme")],
    [
      "the inviter is no longer a member",
      (world, { acme, sato }) =>
        world.book.members.remove(acme.admin.id, sato.id, { newOwner: acme.admin.id }),
    ],
  ];

  async function redeemRefused(refuse: Refuse) {
    const world = aRecordingWorld({ inviteBaseUrl });
    const scene = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(scene.sato.id);
    await refuse(world, scene);
    return {
      world,
      scene,
      ...(await answerOf(world, () => world.book.invitations.redeem(scene.lee.id, url))),
    };
  }

  it("R10: every refusal on the inviter's side gives the identical code, message and details, after the same reads", async () => {
    const answers = [];
    for (const [reason, refuse] of inviterSideRefusals) {
      const { answer, calls } = await redeemRefused(refuse);
      answers.push([reason, { answer, calls }] as const);
    }
    expectAllAlike(answers);
    expect(answers[0]?.[1].answer).toMatchObject({ code: "NOT_FOUND", details: {} });
  });

  it("R10: that answer is the one an add from search gets for someone the other side's settings exclude", async () => {
    const { world, scene, answer } = await redeemRefused(offAt("acme"));
    const added = await refusalOf(world.book.contacts.addFromSearch(scene.lee.id, scene.sato.id));
    expect(answer).toEqual(added.toJSON());
  });

  it.each([
    ["off", offAt("globex"), "linking_off"],
    ["outside its scope", scopedAt("globex"), "out_of_scope"],
  ] as const)(
    "R10: the redeemer's own side %s stays an explicit LINKING_DISABLED naming why",
    async (_how, refuse, reason) => {
      const { answer } = await redeemRefused(refuse);
      expect(answer).toMatchObject({ code: "LINKING_DISABLED", details: { reason } });
    },
  );

  // Sato (Acme) scans a code Lee (Globex) held when it was shown.
  const holderSideRefusals: readonly (readonly [string, Refuse])[] = [
    ["the holder's organisation is off", offAt("globex")],
    ["the holder is outside its scope", scopedAt("globex")],
    ["the holder's organisation blocks the scanner's", blocking("globex", "acme")],
    ["the scanner's organisation blocks the holder's", blocking("acme", "globex")],
    [
      "the holder is no longer a member",
      (world, { globex, lee }) =>
        world.book.members.remove(globex.admin.id, lee.id, { newOwner: globex.admin.id }),
    ],
    [
      "the holder re-issued their code: nobody holds it",
      (world, { lee }) => world.book.qrCodes.reissue(lee.id),
    ],
  ];

  it("R10: scanning a QR code whose holder's side refuses gives the identical answer, after the same reads, as a code nobody holds", async () => {
    const answers = [];
    for (const [reason, refuse] of holderSideRefusals) {
      const world = aRecordingWorld({ inviteBaseUrl });
      const scene = await twoLinkableMembers(world);
      const { token } = await world.book.qrCodes.mine(scene.lee.id);
      await refuse(world, scene);
      answers.push([
        reason,
        await answerOf(world, () => world.book.contacts.addFromQr(scene.sato.id, token)),
      ] as const);
    }
    expectAllAlike(answers);
    expect(answers[0]?.[1].answer).toMatchObject({ code: "NOT_FOUND", details: {} });
  });
});
