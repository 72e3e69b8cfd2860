import { nanoid } from "nanoid";

/** The kinds of record that get an id. */
export type IdKind = "organisation" | "member" | "group" | "contact" | "invitation" | "event";

/** Where partnerbook gets ids and secret tokens. Inject one for reproducible tests. */
export interface IdSource {
  /** A new unique id for a record of `kind`. */
  id(kind: IdKind): string;
  /** A new secret token: URL-safe, at least 128 bits from a CSPRNG in production. */
  token(): string;
}

const prefixes: Record<IdKind, string> = {
  organisation: "org",
  member: "mem",
  group: "grp",
  contact: "con",
  invitation: "inv",
  event: "evt",
};

/**
 * Random ids (`mem_V1StGXR8…`, 126 bits) and 192-bit tokens from nanoid's CSPRNG. Under the
 * `browser` condition (browsers, and the bundlers of edge runtimes) nanoid draws from Web Crypto,
 * so the core carries no Node built-in there.
 */
export const randomIds: IdSource = {
  id: (kind) => `${prefixes[kind]}_${nanoid()}`,
  token: () => nanoid(32),
};

/**
 * Predictable ids (`mem_1`, `con_2`, …) and tokens, for tests and examples only:
 * its tokens are guessable.
 */
export function sequentialIds(): IdSource {
  let next = 0;
  return {
    id: (kind) => `${prefixes[kind]}_${++next}`,
    token: () => `token${String(++next).padStart(11, "0")}`,
  };
}
