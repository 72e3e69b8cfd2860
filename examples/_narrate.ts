// Shared by the examples: a narrated step, a checked rule (✓ or ✗), times in Japan time, and
// tokens shortened. The examples print what a person reads — names, not ids.
//
// When scripts/run-examples.mjs runs an example it names a file in PARTNERBOOK_DEMO_TALLY; every
// check is appended to it at once, so the runner can count them even when an example stops at a ✗.
import { appendFileSync } from "node:fs";
import { relative } from "node:path";

/** Whether to colour output: only for a terminal, and never when NO_COLOR is set (no-color.org). */
export function colourWanted(stream: { isTTY?: boolean | undefined }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? "") === "";
}

const paint = (stream: NodeJS.WriteStream, code: string, text: string) =>
  colourWanted(stream, process.env) ? `\x1b[${code}m${text}\x1b[0m` : text;

/** Prints one narrated step. */
export function say(line: string): void {
  console.log(`  ${line}`);
}

function tally(rule: string, held: boolean): void {
  const file = process.env.PARTNERBOOK_DEMO_TALLY;
  if (file !== undefined && file !== "") appendFileSync(file, `${held ? "✓" : "✗"} ${rule}\n`);
}

/** Where the failed check was made, for the ✗ line's reason: `examples/trash.ts:34`. */
function caller(): string {
  for (const frame of new Error().stack?.split("\n").slice(1) ?? []) {
    const place = frame.match(/(?:file:\/\/)?(\/[^():]+\.ts):(\d+):\d+/);
    if (place === null || place[1]?.endsWith("_narrate.ts")) continue;
    return ` (at ${relative(process.cwd(), place[1] ?? "")}:${place[2]})`;
  }
  return "";
}

/**
 * Checks that a rule held: prints `✓ R30 …`; otherwise prints `✗ R30 …` and the reason, and exits
 * with status 1 — the steps after a broken rule would only narrate nonsense.
 */
export function expectRule(rule: string, held: boolean, detail: string, reason = "it did not hold"): void {
  tally(rule, held);
  if (held) {
    console.log(`  ${paint(process.stdout, "32", "✓")} ${rule} ${detail}`);
    return;
  }
  console.error(paint(process.stderr, "31;1", `  ✗ ${rule} ${detail}`));
  console.error(paint(process.stderr, "31", `    ${reason}${caller()}`));
  process.exit(1);
}

/** Checks that `step` is refused with `code`, as `rule` says: `✓ R30 鈴木 may not delete 山田 (NOT_PERMITTED)`. */
export async function expectRefusal(
  rule: string,
  detail: string,
  code: string,
  step: () => Promise<unknown>,
): Promise<void> {
  try {
    await step();
  } catch (error) {
    const actual = (error as { code?: string }).code;
    const got = `refused with ${actual}: ${(error as Error).message}`;
    expectRule(rule, actual === code, `${detail} (${code})`, `expected ${code}, but it was ${got}`);
    return;
  }
  expectRule(rule, false, `${detail} (${code})`, `expected a ${code} refusal, but the step succeeded`);
}

const japanTime = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A date and time as read in Japan: `2026年4月15日 09:00 JST`. */
export function jst(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    japanTime.formatToParts(at).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日 ${part("hour")}:${part("minute")} JST`;
}

/**
 * A token (or a URL ending in one) cut to its first characters, enough to tell two apart; the
 * whole token is noise to a reader and, for an invitation, a secret.
 */
export function short(token: string, keep = 6): string {
  const cut = (tail: string) => (tail.length > keep + 2 ? `${tail.slice(0, keep)}…` : tail);
  const slash = token.lastIndexOf("/");
  return slash < 0 ? cut(token) : `${token.slice(0, slash + 1)}${cut(token.slice(slash + 1))}`;
}

/** `text` with every URL in it shortened by `short`. */
export function shortUrls(text: string): string {
  return text.replace(/https?:\/\/\S+/g, (url) => short(url));
}
