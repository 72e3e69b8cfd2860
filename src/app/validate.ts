import { type core, safeParse } from "zod/mini";
import { PartnerbookError } from "../errors.js";

/**
 * Parses a public input, turning every zod failure — and any non-object where an object is
 * due — into one VALIDATION error with the issues field by field.
 */
export function parseInput<S extends core.$ZodType>(schema: S, input: unknown, what: string): core.output<S> {
  let result: ReturnType<typeof safeParse<S>>;
  try {
    // zod's and zod/mini's schemas alike.
    result = safeParse(schema, input);
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
