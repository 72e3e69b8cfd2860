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

const urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

// Web Crypto, not node:crypto, so the core bundles for browsers and edge runtimes with no Node
// built-ins. 64 symbols divide 256, so `byte & 63` keeps every symbol equally likely.
function randomText(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  let text = "";
  for (const byte of bytes) text += urlSafe[byte & 63];
  return text;
}

/** Random ids (`mem_V1StGXR8…`, 126 bits) and 192-bit tokens from the platform's CSPRNG. */
export const randomIds: IdSource = {
  id: (kind) => `${prefixes[kind]}_${randomText(21)}`,
  token: () => randomText(32),
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
