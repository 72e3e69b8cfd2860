import { en } from "zod/locales";
import * as z from "zod/mini";
import { PartnerbookError } from "../errors.js";

// zod/mini leaves messages to a locale the app may or may not have configured; partnerbook's
// issues read the same (zod's English) whatever the app does with its own zod. Imported by
// name: `z.locales.en`, reached through the namespace, makes a bundler keep every locale.
const english = /* @__PURE__ */ en().localeError;

/**
 * Parses a public input, turning every zod failure — and any non-object where an object is
 * due — into one VALIDATION error with the issues field by field.
 */
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  let result: ReturnType<typeof z.safeParse<S>>;
  try {
    result = z.safeParse(schema, input, { error: english });
  } catch {
    // A hostile value can break a check itself (an object posing as a string, with a `length`
    // that cannot be compared): it is still just a bad input.
    throw invalid([], `invalid ${what}`);
  }
  if (result.success) return result.data;
  throw new PartnerbookError("VALIDATION", `invalid ${what}`, {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== "symbol"),
      message: issue.message,
    })),
  });
}

/** A VALIDATION error about one field. */
export function invalid(path: (string | number)[], message: string): PartnerbookError {
  return new PartnerbookError("VALIDATION", message, { issues: [{ path, message }] });
}
