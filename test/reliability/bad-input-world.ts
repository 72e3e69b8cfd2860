import * as z from "zod/mini";
import {
  createPartnerbook,
  fixedWindowRateLimiter,
  manualClock,
  type Partnerbook,
  sequentialIds,
} from "../../src/index.js";
import { outboxMailer } from "../../src/memory.js";
import { memberIdSchema, organisationIdSchema } from "../../src/schemas.js";
import { testSecret } from "../support/builders.js";
import type { StoreUnderTest } from "../support/faulty-store.js";

/**
 * What an argument position takes, and so what a wrong value there must be answered with.
 *
 * - `id`: an id is any one-line string (no control character, lone surrogate or bidi override:
 *   src/domain/text.ts) that trims to 1–100 characters. A value of that form is a
 *   well-formed id that names nothing (the suite never hits a real one), so the answer is
 *   NOT_FOUND — the same answer a caller gets for an id that existed once. Anything else
 *   (not a string, empty, too long) is VALIDATION.
 * - `actor`: the acting member, an id as above; a well-formed one that names nobody is
 *   UNKNOWN_ACTOR (a wiring fault, told apart from NOT_FOUND of what is read or changed).
 * - `qrToken`: likewise, a string that trims to 1–200 characters: NOT_FOUND (R10: "no external
 *   user you can add"); anything else VALIDATION.
 * - `invitation`: a string of at most 2,000 characters from which `invitationTokenFrom` reads a
 *   token is a well-formed token nobody issued: NOT_FOUND; anything else VALIDATION.
 * - `input`: a value the documented input shape rejects is VALIDATION. One it accepts is a real
 *   request and may be carried out or refused for what it asks (CONFLICT, SYNCED_FIELD…).
 *
 * In every case the answer is a PartnerbookError, never a TypeError or any other error.
 */
export type Position =
  | { readonly kind: "id" }
  | { readonly kind: "actor" }
  | { readonly kind: "qrToken" }
  | { readonly kind: "invitation" }
  | { readonly kind: "input"; readonly shape: z.ZodMiniType };

export const id: Position = { kind: "id" };
export const actor: Position = { kind: "actor" };
export const qrToken: Position = { kind: "qrToken" };
export const invitation: Position = { kind: "invitation" };
export const input = (shape: z.ZodMiniType): Position => ({ kind: "input", shape });

// The documented shapes of the inputs that src/schemas.ts does not export.
const whole = (min: number, max: number) => z.optional(z.int().check(z.minimum(min), z.maximum(max)));
export const emailList = z.array(z.string().check(z.maxLength(1000))).check(z.minLength(1), z.maxLength(100));
export const linkOptions = z.optional(
  z.strictObject({ expiresInDays: whole(1, 365), maxUses: whole(1, 1_000_000) }),
);
export const eventPage = z.strictObject({
  organisationId: organisationIdSchema,
  after: z.optional(z.int().check(z.minimum(0))),
  limit: whole(1, 1000),
});
export const deliveryOptions = z.optional(z.strictObject({ limit: whole(1, 10_000) }));

export const memberOptions = z.optional(z.strictObject({ admin: z.optional(z.boolean()) }));
// contacts.import: any iterable or async iterable (each record is checked, and reported, alone).
export const importRecords = z.custom(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    (typeof (value as Record<symbol, unknown>)[Symbol.iterator] === "function" ||
      typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === "function"),
);
export const importOptions = z.optional(
  z.strictObject({
    onExisting: z.optional(z.enum(["skip", "merge"])),
    dryRun: z.optional(z.boolean()),
    onRecord: z.optional(z.custom((value) => typeof value === "function")),
    onProgress: z.optional(z.custom((value) => typeof value === "function")),
    signal: z.optional(z.instanceof(AbortSignal)),
  }),
);
export const removalOptions = z.strictObject({ newOwner: memberIdSchema });
export const purgeOptions = z.optional(z.strictObject({ batchSize: whole(1, 100_000) }));

const start = new Date("2026-04-01T00:00:00.000Z");

/** A small world where every entry point has something real to be called on. */
export async function aScene(adapter: StoreUnderTest) {
  const store = await adapter.makeStore();
  const book = createPartnerbook({
    store,
    clock: manualClock(start),
    ids: sequentialIds(),
    mailer: outboxMailer(),
    inviteBaseUrl: "https://app.example/invite",
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  const acme = await book.organisations.create({
    name: "Acme",
    admin: { worksId: "acme-admin", displayName: "Acme Admin" },
  });
  const globex = await book.organisations.create({
    name: "Globex",
    admin: { worksId: "globex-admin", displayName: "Globex Admin" },
  });
  const sato = await book.members.create(acme.admin.id, { worksId: "sato", displayName: "佐藤" });
  const suzuki = await book.members.create(acme.admin.id, { worksId: "suzuki", displayName: "鈴木" });
  const lee = await book.members.create(globex.admin.id, { worksId: "lee", displayName: "Lee" });
  const group = await book.groups.create(sato.id, { name: "Project X", members: [suzuki.id] });
  const customer = await book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    emails: [{ address: "yamada@example.jp" }],
  });
  const trashed = await book.contacts.addCustomer(sato.id, {
    familyName: "小林",
    emails: [{ address: "kobayashi@example.jp" }],
  });
  await book.trash.delete(sato.id, trashed.id);
  const linked = (await book.contacts.addFromSearch(sato.id, lee.id)).contact;
  const leeQr = await book.qrCodes.mine(lee.id);
  const link = await book.invitations.createLink(lee.id);
  return {
    book,
    snapshot: () => adapter.snapshot(store),
    /** What the store holds as far as the probes know: re-read after each call carried out. */
    known: { holds: await adapter.snapshot(store) },
    /** Statements sent so far, or null where the store has no database to count them on. */
    sent: () => adapter.statementsSent?.(store) ?? null,
    acme,
    globex,
    sato,
    suzuki,
    lee,
    group,
    customer,
    trashed,
    linked,
    leeQr,
    link,
  };
}

export type Scene = Awaited<ReturnType<typeof aScene>>;

/** One public entry point: valid arguments that succeed, and what each position takes. */
export interface EntryPoint {
  readonly area: keyof Partnerbook;
  readonly method: string;
  args(scene: Scene): unknown[];
  readonly positions: readonly Position[];
}
