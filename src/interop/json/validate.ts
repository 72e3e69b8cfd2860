import { en } from "zod/locales";
import * as z from "zod/mini";
import type { JsonChecks } from "./checks.js";
import { isObject } from "./checks.js";
import { pointer } from "./issues.js";

// Messages in zod's English whatever locale the app configured (as src/app/validate.ts).
const english = /* @__PURE__ */ en().localeError;

/**
 * `value` checked against `schema`; `null` with an INVALID_VALUE issue at the path of the
 * first problem when it does not fit. Never throws: a value that breaks a check itself is bad
 * input like any other.
 */
export function valid<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  path: string,
  checks: JsonChecks,
): z.output<S> | null {
  try {
    const result = z.safeParse(schema, value, { error: english });
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    const at = pointer(path, ...(issue?.path ?? []).filter((key) => typeof key !== "symbol"));
    checks.report(at, "INVALID_VALUE", `${at}: ${issue?.message ?? "invalid value"}`);
  } catch {
    checks.report(path, "INVALID_VALUE", `${path}: invalid value`);
  }
  return null;
}

/**
 * Each valid item of a JSON object map (JSContact's `{ id: object }`) or array, in order, up
 * to `max` items (R21, reported once); items that do not fit `schema` are reported and left out.
 */
export function eachValid<S extends z.core.$ZodType>(
  container: unknown,
  path: string,
  schema: S,
  checks: JsonChecks,
  take: (item: z.output<S>, path: string) => void,
  options: { readonly array: boolean; readonly max: number },
): void {
  if (container === undefined || container === null) return;
  if (options.array ? !Array.isArray(container) : !isObject(container)) {
    checks.report(path, "INVALID_VALUE", `${path} is not ${options.array ? "an array" : "an object"}`);
    return;
  }
  const entries: [string, unknown][] = options.array
    ? (container as unknown[]).map((item, i) => [String(i), item])
    : Object.entries(container);
  // Counted valid or not: a huge list of bad items gives at most `max` issues.
  let seen = 0;
  for (const [key, item] of entries) {
    if (seen++ === options.max) {
      checks.report(path, "TOO_MANY", `more than ${options.max} values at ${path}; the rest are left out`);
      return;
    }
    const at = pointer(path, key);
    const data = valid(schema, item, at, checks);
    if (data !== null) take(data, at);
  }
}
