import { describe, expect, it } from "vitest";
import { createPartnerbook, manualClock, sequentialIds } from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { aMember, anOrganisation, start, testSecret, twoLinkableMembers } from "../support/builders.js";
import { eventsOf } from "../support/events.js";
import {
  anExternalMember,
  anInvitingWorld,
  day,
  expectRefusedUnchanged,
  hour,
  inviteBaseUrl,
  mailedUrl,
  minute,
  sha256,
  storedInvitation,
  tokenOf,
} from "../support/inviting-world.js";
import { queuedMail, recoverableMailer } from "../support/mailers.js";

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
