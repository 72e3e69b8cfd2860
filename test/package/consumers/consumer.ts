// What a TypeScript user writes against partnerbook, compiled under each setup in this folder
// (each folder's tsconfig.json) and then run. It imports every entry point and leans on optional
// properties both ways — passing them, leaving them out, reading them — because those are what
// `exactOptionalPropertyTypes` checks.
import {
  type Clock,
  createPartnerbook,
  isPartnerbookError,
  type Mailer,
  type MailMessage,
  type NewCustomerInput,
  PartnerbookError,
  type PartnerbookOptions,
  type RateLimiter,
} from "partnerbook";
import { readVCards, writeVCard } from "partnerbook/interop";
import { memoryStore, outboxMailer } from "partnerbook/memory";
import { migrations, type PostgresStoreOptions } from "partnerbook/postgres";
import { qrCodeSvg } from "partnerbook/qr";
import type { ConformanceOptions, runAdapterConformance } from "partnerbook/testing";

// The user's own ports, written as plain objects.
const clock: Clock = { now: () => new Date("2026-04-01T00:00:00.000Z") };
const sent: MailMessage[] = [];
const mailer: Mailer = {
  send: async (message) => {
    sent.push(message);
  },
};
const generous: RateLimiter = { consume: () => ({ ok: true }) };

// Settings as an app reads them from its environment: each may be there or not.
interface Settings {
  readonly secret?: string | undefined;
  readonly region?: "JP" | "US" | undefined;
  readonly mailTimeoutMs?: number | undefined;
  readonly retries?: number | undefined;
}
const settings: Settings = { secret: "a consumer's secret of at least thirty-two characters" };

// Optional options given, left out, and given as maybe-undefined.
const options: PartnerbookOptions = {
  store: memoryStore(),
  clock,
  searchLimiter: generous,
  mailer,
  secret: settings.secret,
  defaultRegion: settings.region,
  mailTimeoutMs: settings.mailTimeoutMs,
  inviteBaseUrl: "https://app.example/invite",
};
const retry: PostgresStoreOptions = { retry: { attempts: settings.retries ?? 3, maxDelayMs: undefined } };
const conformance: ConformanceOptions = {};
const registersSuites: typeof runAdapterConformance | null = null;

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer: ${what}`);
}

async function main(): Promise<void> {
  const book = createPartnerbook(options);
  const { admin } = await book.organisations.create({
    name: "Acme",
    admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
  });
  const input: NewCustomerInput = {
    familyName: "山田",
    phones: [{ number: "03-1234-5678", label: null }],
    company: "㈱ヤマダ",
  };
  const contact = await book.contacts.addCustomer(admin.id, input);
  const cursor: string | undefined = undefined;
  const page = await book.contacts.list(admin.id, { tab: "customers", limit: 10, cursor });
  check(page.items[0]?.contact.id === contact.id, "the customer is listed");
  const edited = await book.contacts.edit(
    admin.id,
    contact.id,
    { title: "部長", memo: null },
    { expectedVersion: contact.version },
  );
  check(edited.fields.title === "部長" && edited.updatedAt instanceof Date, "the edit is answered");

  try {
    await book.contacts.edit(admin.id, contact.id, { title: "社長" }, { expectedVersion: contact.version });
    check(false, "a stale version is refused");
  } catch (error) {
    check(isPartnerbookError(error, "CONFLICT"), "a stale edit is CONFLICT");
    check(error instanceof PartnerbookError, "the refusal is a PartnerbookError");
    const current: number | undefined = isPartnerbookError(error) ? error.details.currentVersion : undefined;
    check(current === 2, "the refusal names the current version");
  }

  const link = await book.invitations.createLink(admin.id, { maxUses: 2, expiresInDays: undefined });
  check(qrCodeSvg(link.url, { border: 1 }).startsWith("<svg"), "an invite link renders as a QR code");
  check(migrations.length > 0 && retry.retry?.attempts === 3, "the postgres entry point loads");
  const [card] = readVCards("BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nEND:VCARD\r\n");
  check(
    card?.ok === true && writeVCard(card.record, { version: "4.0" }).includes("山田"),
    "the interop entry point reads and writes vCards",
  );
  check(outboxMailer().messages.length === 0 && sent.length === 0, "nothing was mailed");
  check(conformance.teardown === undefined && registersSuites === null, "the testing types resolve");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
