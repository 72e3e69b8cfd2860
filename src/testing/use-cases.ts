import { expect, it } from "vitest";
import { outboxMailer } from "../adapters/memory/outbox-mailer.js";
import { memoryStore } from "../adapters/memory/store.js";
import { createPartnerbook, type Partnerbook } from "../app/create-partnerbook.js";
import type { ContactId, GroupId } from "../domain/ids.js";
import { manualClock } from "../ports/clock.js";
import { sequentialIds } from "../ports/ids.js";
import { fixedWindowRateLimiter } from "../ports/rate-limiter.js";
import type { Store } from "../ports/store.js";
import type { Suite } from "./suite.js";

const dayMs = 86_400_000;

/** What a story step answered: its value, or the code of the error it was refused with. */
type Outcome = { readonly value: unknown } | { readonly refused: unknown };

/**
 * A day in the life of two companies, through the public API, touching every repository
 * method. Ids, tokens and the clock are deterministic, so two stores must tell it alike.
 */
async function story(store: Store): Promise<Outcome[]> {
  const clock = manualClock(new Date("2026-04-01T00:00:00.000Z"));
  const book: Partnerbook = createPartnerbook({
    store,
    clock,
    ids: sequentialIds(),
    mailer: outboxMailer(),
    inviteBaseUrl: "https://app.example/invite",
    // Fixed, so QR tokens are the same on both stores; a real one comes from a secret manager.
    secret: "partnerbook conformance suite: a fixed, public secret",
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  const transcript: Outcome[] = [];
  async function step<T>(action: () => Promise<T>): Promise<T> {
    try {
      const value = await action();
      transcript.push({ value });
      return value;
    } catch (error) {
      transcript.push({ refused: (error as { code?: unknown }).code ?? String(error) });
      return undefined as T;
    }
  }

  const acme = await step(() =>
    book.organisations.create({ name: "Acme", admin: { worksId: "Sato@Acme", displayName: "佐藤 花子" } }),
  );
  const globex = await step(() =>
    book.organisations.create({ name: "Globex", admin: { worksId: "boss@globex", displayName: "Boss" } }),
  );
  const sato = acme.admin.id;
  const suzuki = (
    await step(() => book.members.create(sato, { worksId: "suzuki@acme", displayName: "鈴木 一郎" }))
  ).id;
  const lee = (
    await step(() =>
      book.members.create(globex.admin.id, {
        worksId: "lee@globex",
        displayName: "Lee Min",
        nickname: "Min",
        mobilePhone: "090-1234-5678",
        email: "Lee@Globex.example",
      }),
    )
  ).id;
  await step(() => book.members.create(sato, { worksId: "SATO@acme", displayName: "Copy" }));
  await step(() => book.members.setPhoneSearch(lee, true));
  await step(() => book.search.byWorksId(sato, "LEE@GLOBEX"));
  await step(() => book.search.byPhone(sato, "090-1234-5678"));
  const linked = (await step(() => book.contacts.addFromSearch(sato, lee))).contact.id;
  await step(() => book.contacts.addFromSearch(sato, lee));
  const { token } = await step(() => book.qrCodes.mine(lee));
  await step(() => book.qrCodes.mine(lee));
  await step(() => book.contacts.addFromQr(suzuki, token));
  await step(() => book.qrCodes.reissue(lee));
  await step(() => book.contacts.addFromQr(globex.admin.id, token));
  const customer = (
    await step(() =>
      book.contacts.addCustomer(sato, {
        familyName: "山田",
        familyNameReading: "ヤマダ",
        phones: [{ number: "03-1234-5678" }],
        memo: "展示会",
        company: "㈱ヤマダ",
      }),
    )
  ).id;
  const sales: GroupId = (await step(() => book.groups.create(sato, { name: "Sales", members: [suzuki] })))
    .id;
  await step(() =>
    book.contacts.edit(sato, customer, { groups: [sales], title: "部長" }, { expectedVersion: 1 }),
  );
  await step(() => book.contacts.edit(sato, customer, { title: "社長" }, { expectedVersion: 1 }));
  await step(() =>
    book.contacts.share(sato, customer, { visibility: "members", groups: [sales] }, { expectedVersion: 2 }),
  );
  await step(() => book.contacts.list(suzuki));
  await step(() => book.contacts.list(sato, { query: "ﾔﾏﾀﾞ" }));
  await step(() => book.contacts.list(sato, { tab: "external" }));
  await step(() => book.contacts.list(sato, { limit: 1 }));
  await step(() => book.organisations.rename(globex.admin.id, globex.organisation.id, "Globex Holdings"));
  await step(() =>
    book.members.updateProfile(lee, { nickname: "ミン", photoUrl: "https://img.example.com/l.png" }),
  );
  await step(() => book.contacts.get(sato, linked));
  await step(() => book.contacts.list(sato, { query: "ミン" }));
  const link = await step(() => book.invitations.createLink(sato, { maxUses: 2 }));
  const kim = (
    await step(() => book.members.create(globex.admin.id, { worksId: "kim@globex", displayName: "Kim" }))
  ).id;
  await step(() => book.invitations.redeem(kim, link.url));
  await step(() =>
    book.invitations.sendEmail(sato, ["new@example.com", "NEW@example.com", "other@example.com"]),
  );
  await step(() => book.invitations.sendEmail(sato, ["new@example.com"]));
  await step(() => book.invitations.listPending(sato));
  await step(() => book.invitations.revoke(sato, link.invitation.id));
  await step(() => book.trash.delete(sato, customer));
  await step(() => book.trash.list(sato));
  await step(() => book.trash.restore(sato, customer));
  await step(() => book.trash.delete(sato, customer));
  clock.advance(31 * dayMs);
  await step(() => book.trash.restore(sato, customer));
  await step(() => book.trash.purgeExpired({ batchSize: 1 }));
  await step(() => book.groups.delete(sato, sales));
  // R29: Suzuki and Sato both have Lee; Suzuki's goes first, then Suzuki can leave.
  await step(() => book.members.remove(sato, suzuki, { newOwner: sato }));
  const suzukisLee = (await step(() => book.contacts.list(suzuki, { tab: "external" }))).items[0]?.contact.id;
  await step(() => book.trash.delete(suzuki, suzukisLee as ContactId));
  await step(() => book.trash.purge(suzuki, suzukisLee as ContactId));
  await step(() => book.members.remove(sato, suzuki, { newOwner: sato }));
  await step(() => book.contacts.list(sato));
  // An address book brought in: a new person, the same person again (merged), one who is not valid.
  const imported: unknown[] = [];
  const records = [
    {
      line: 2,
      contact: {
        familyName: "伊藤",
        emails: [{ address: "Ito@Example.JP" }],
        phones: [{ number: "090-5555-0001" }],
      },
    },
    { line: 3, contact: { familyName: "伊藤", givenName: "健", emails: [{ address: "ito@example.jp" }] } },
    { line: 4, contact: { familyName: "Nobody" } },
    { line: 5, error: { path: ["TEL"], message: "unreadable" } },
  ];
  await step(() => book.contacts.import(sato, records, { onExisting: "merge", dryRun: true }));
  await step(() =>
    book.contacts.import(sato, records, {
      onExisting: "merge",
      onRecord: (result) => {
        imported.push(result);
      },
    }),
  );
  await step(async () => imported);
  await step(() => book.contacts.import(sato, records, { onExisting: "merge" }));
  await step(async () => {
    const exported: unknown[] = [];
    for await (const contact of book.contacts.export(sato, { limit: 1 })) exported.push(contact);
    return exported;
  });
  await step(() => book.events.list(sato, { organisationId: acme.organisation.id, limit: 1000 }));
  await step(() =>
    book.events.list(globex.admin.id, { organisationId: globex.organisation.id, limit: 1000 }),
  );
  await step(() => book.mail.deliverPending());
  return transcript;
}

/** The use-cases, run on the store under test, answer exactly as on the memory store. */
export function useCases(suite: Suite): void {
  it("the use-cases tell the same story on this store as on the memory store", async () => {
    const expected = await story(memoryStore());
    expect(expected.filter((outcome) => "refused" in outcome).length).toBeGreaterThan(3);
    expect(await story(suite.store())).toEqual(expected);
  });
}
