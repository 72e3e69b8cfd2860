import { expect, it } from "vitest";
import { outboxMailer } from "../adapters/memory/outbox-mailer.js";
import { memoryStore } from "../adapters/memory/store.js";
import { createPartnerbook, type Partnerbook } from "../app/create-partnerbook.js";
import type { ContactId, GroupId } from "../domain/ids.js";
import type { PartnerbookEvent } from "../events.js";
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
  const heard: PartnerbookEvent[] = [];
  book.events.subscribe((event) => heard.push(event));
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
  transcript.push({ value: heard });
  return transcript;
}

const plainPrototypes = new Set<unknown>([Object.prototype, Array.prototype, Date.prototype]);

/**
 * Expects every answer to be the caller's own: plain objects, arrays and `Date`s (no subclass),
 * none frozen, none reached twice — within an answer or across answers — so that changing one
 * changes nothing else. Returns how many Dates it saw.
 */
function expectOwnedAnswers(answers: readonly unknown[]): number {
  const seen = new Set<object>();
  let dates = 0;
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== "object" || value === null) return;
    expect(seen.has(value), `${path} is also reached elsewhere`).toBe(false);
    seen.add(value);
    expect(plainPrototypes.has(Object.getPrototypeOf(value)), `${path} is a plain value`).toBe(true);
    expect(Object.isFrozen(value), `${path} is frozen`).toBe(false);
    if (value instanceof Date) dates++;
    else for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
  };
  answers.forEach((answer, index) => {
    visit(answer, `answer ${index}`);
  });
  return dates;
}

/** Changes everything in `value` that can be changed: each Date, array and object in it. */
function scribbleOver(value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  if (value instanceof Date) {
    value.setTime(0);
    return;
  }
  for (const item of Object.values(value)) scribbleOver(item);
  if (Array.isArray(value)) value.push("scribbled");
  else (value as Record<string, unknown>).scribbled = true;
}

/**
 * The use-cases, run on the store under test, answer exactly as on the memory store, and every
 * answer — and every event a listener hears — is the caller's own copy.
 */
export function useCases(suite: Suite): void {
  it("the use-cases tell the same story on this store as on the memory store", async () => {
    const expected = await story(memoryStore());
    expect(expected.filter((outcome) => "refused" in outcome).length).toBeGreaterThan(3);
    expect(await story(suite.store())).toEqual(expected);
  });

  it("every answer of every use-case is the caller's own: plain objects, arrays and Dates, none frozen, none shared", async () => {
    const answers = (await story(suite.store())).map((outcome) =>
      "value" in outcome ? outcome.value : outcome.refused,
    );
    expect(expectOwnedAnswers(answers)).toBeGreaterThan(100);
  });

  it("changing what the book answered, or what a listener heard, changes nothing stored", async () => {
    const book = createPartnerbook({
      store: suite.store(),
      clock: manualClock(new Date("2026-04-01T00:00:00Z")),
    });
    const heard: PartnerbookEvent[] = [];
    book.events.subscribe((event) => heard.push(event));
    const { admin, organisation } = await book.organisations.create({
      name: "Acme",
      admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
    });
    const added = await book.contacts.addCustomer(admin.id, {
      familyName: "山田",
      phones: [{ number: "03-1234-5678" }],
      tags: ["展示会"],
    });
    const reads = async () => ({
      organisation: await book.organisations.get(admin.id, organisation.id),
      member: await book.members.get(admin.id, admin.id),
      contact: await book.contacts.get(admin.id, added.id),
      book: await book.contacts.list(admin.id),
      events: await book.events.list(admin.id, { organisationId: organisation.id }),
    });
    const before = await reads();
    const kept = structuredClone(before);
    for (const answer of [admin, organisation, added, before, heard]) scribbleOver(answer);
    expect(before.contact.createdAt.getTime()).toBe(0);
    expect(await reads()).toEqual(kept);
  });
}
