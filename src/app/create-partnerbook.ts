import * as z from "zod/mini";
import type { Region } from "../domain/phone.js";
import { isSupportedRegion } from "../domain/phone.js";
import { PartnerbookError } from "../errors.js";
import type { PartnerbookEvent } from "../events.js";
import { type Clock, systemClock } from "../ports/clock.js";
import { type IdSource, randomIds } from "../ports/ids.js";
import type { Mailer } from "../ports/mailer.js";
import { fixedWindowRateLimiter, type RateLimiter } from "../ports/rate-limiter.js";
import type { Store } from "../ports/store.js";
import { type Contacts, contacts } from "./contacts.js";
import type { Context } from "./context.js";
import { type Events, events } from "./events.js";
import { type Groups, groups } from "./groups.js";
import { type Invitations, invitations } from "./invitations.js";
import { type Mail, mail } from "./mail.js";
import { type Members, members } from "./members.js";
import { checkPorts, checkSecret, isTimeZone } from "./options.js";
import { type Organisations, organisations } from "./organisations.js";
import { withOwnCopies } from "./own-copy.js";
import { type QrCodes, qrCodes } from "./qr-codes.js";
import { type Search, search } from "./search.js";
import { type Trash, trash } from "./trash.js";
import { parseInput } from "./validate.js";

/** Options of {@link createPartnerbook}. */
export interface PartnerbookOptions {
  /** Where everything is kept: `memoryStore()` from `partnerbook/memory`, or your own. */
  readonly store: Store;
  /** Defaults to the system clock. */
  readonly clock?: Clock | undefined;
  /** Defaults to random nanoid ids and 192-bit tokens (`randomIds`). */
  readonly ids?: IdSource | undefined;
  /** R8: the region for phone numbers typed without `+`. Defaults to `JP`. */
  readonly defaultRegion?: Region | undefined;
  /** R11: defaults to 30 searches per minute per searcher, in process. */
  readonly searchLimiter?: RateLimiter | undefined;
  /**
   * R17: delivers invitation emails; needs `inviteBaseUrl` and `secret`. Without one,
   * `invitations.sendEmail` is NOT_CONFIGURED.
   */
  readonly mailer?: Mailer | undefined;
  /**
   * R13, R20: a random string of 32 to 1000 characters (e.g. `openssl rand -base64 32`) from your
   * secret manager, the same in every process of a deployment. QR tokens are derived from it (the
   * store keeps only their hashes) and queued invitation mail is sealed with it, so a copy of the
   * database lets nobody add a member or redeem an invitation. Required for `qrCodes` (without it
   * they are NOT_CONFIGURED) and with a `mailer`.
   *
   * Rotating it: each member's QR code is re-issued the next time it is shown (a code printed
   * before works until then, and not after), and mail still queued under the old secret can no
   * longer be opened — it stays queued with a `lastError` until the invitation is re-sent. Deliver
   * pending mail (`mail.deliverPending`) before you rotate.
   */
  readonly secret?: string | undefined;
  /**
   * R18: invite URLs are `<inviteBaseUrl>/<token>`; point it at your app's redeem page. Required
   * with a `mailer` (mail must not carry placeholder links).
   */
  readonly inviteBaseUrl?: string | undefined;
  /** The language of invitation emails. Defaults to `ja`. */
  readonly locale?: "ja" | "en" | undefined;
  /** How long one `mailer.send` may take before it counts as failed (and is retried later). Defaults to 10 s. */
  readonly mailTimeoutMs?: number | undefined;
  /**
   * The time zone invitation mail shows its expiry in (an IANA name). Defaults to `Asia/Tokyo`
   * for Japanese mail and `UTC` for English.
   */
  readonly mailTimeZone?: string | undefined;
  /**
   * Hears an event listener that threw or rejected, with the event. The operation and the other
   * listeners go on regardless. Defaults to `console.error`.
   */
  readonly onListenerError?: ((error: unknown, event: PartnerbookEvent) => void) | undefined;
}

/** The partnerbook API, grouped by area. Every operation names its acting member first. */
export interface Partnerbook {
  /** R1–R6: organisations and their linking policy. */
  readonly organisations: Organisations;
  /** Members, their profiles (R23 sync starts here) and leaving (R29). */
  readonly members: Members;
  /** R7–R11: finding external users to add. */
  readonly search: Search;
  /** R12–R16, R21–R28: adding, reading, editing and sharing contacts. */
  readonly contacts: Contacts;
  /** R27: groups to share contacts with. */
  readonly groups: Groups;
  /** R30–R34: deleting, restoring and purging. */
  readonly trash: Trash;
  /** R17–R20: email invitations and invite links. */
  readonly invitations: Invitations;
  /** R13: each member's QR code token. */
  readonly qrCodes: QrCodes;
  /** R35: the event log, and listeners for it. */
  readonly events: Events;
  /** R17: sending queued invitation mail (the outbox). */
  readonly mail: Mail;
}

/** A placeholder that makes it plain in any URL that the app has not set its own. */
const defaultInviteBaseUrl = "https://partnerbook.invalid/invite";
const baseUrlSchema = z.url({ protocol: /^https?$/ }).check(z.maxLength(500));

/**
 * Wires the use-cases to a store and the injected clock, ids and limiter.
 *
 * @example
 * import { createPartnerbook } from "partnerbook";
 * import { memoryStore } from "partnerbook/memory";
 * const book = createPartnerbook({ store: memoryStore() });
 */
export function createPartnerbook(options: PartnerbookOptions): Partnerbook {
  checkPorts(options);
  const defaultRegion = options.defaultRegion ?? "JP";
  if (!isSupportedRegion(defaultRegion)) {
    throw new PartnerbookError("VALIDATION", `unknown region ${String(defaultRegion)}`, {
      issues: [{ path: ["defaultRegion"], message: "not an ISO 3166-1 region libphonenumber knows" }],
    });
  }
  const locale = parseInput(z.enum(["ja", "en"]), options.locale ?? "ja", "locale");
  const ctx: Context = {
    store: options.store,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    defaultRegion,
    searchLimiter: options.searchLimiter ?? fixedWindowRateLimiter(),
    mailer: options.mailer ?? null,
    secret: checkSecret(options.secret),
    inviteBaseUrl: parseInput(baseUrlSchema, options.inviteBaseUrl ?? defaultInviteBaseUrl, "inviteBaseUrl"),
    locale,
    mailTimeZone: parseInput(
      z.string().check(z.maxLength(100), z.refine(isTimeZone, "not an IANA time zone")),
      options.mailTimeZone ?? (locale === "ja" ? "Asia/Tokyo" : "UTC"),
      "mailTimeZone",
    ),
    onListenerError:
      options.onListenerError ??
      ((error, event) => console.error(`partnerbook: a listener of ${event.type} failed`, error)),
    mailTimeoutMs: parseInput(
      z.int().check(z.minimum(1), z.maximum(600_000)),
      options.mailTimeoutMs ?? 10_000,
      "mailTimeoutMs",
    ),
    listeners: new Set(),
  };
  // Every answer is the caller's own copy (see own-copy.ts).
  return {
    organisations: withOwnCopies(organisations(ctx)),
    members: withOwnCopies(members(ctx)),
    search: withOwnCopies(search(ctx)),
    contacts: withOwnCopies(contacts(ctx)),
    groups: withOwnCopies(groups(ctx)),
    trash: withOwnCopies(trash(ctx)),
    invitations: withOwnCopies(invitations(ctx)),
    qrCodes: withOwnCopies(qrCodes(ctx)),
    mail: withOwnCopies(mail(ctx)),
    events: withOwnCopies(events(ctx)),
  };
}
