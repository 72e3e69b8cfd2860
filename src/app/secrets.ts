// R20: what partnerbook derives from, and seals with, the app's `secret`. Web Crypto only, so it
// runs the same in Node and in browsers. Nothing here is stored: a QR token is derived again when
// shown (the store keeps its hash), and queued mail is kept sealed.

import { PartnerbookError } from "../errors.js";

type Subtle = typeof globalThis.crypto.subtle;
type Key = Awaited<ReturnType<Subtle["importKey"]>>;

const subtle = (): Subtle => globalThis.crypto.subtle;
const encoder = new TextEncoder();

/** Bytes as base64url without padding. */
function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** base64url (no padding) back to bytes, or `null` if it is not that. */
// `<ArrayBuffer>`: the DOM's types of Web Crypto take no SharedArrayBuffer-backed views.
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

interface Keys {
  /** HMAC-SHA-256 keyed with the secret itself. */
  readonly hmac: Key;
  /** AES-256-GCM, derived from the secret by HMAC with a fixed label. */
  readonly seal: Key;
}

// Importing a key is the slow part of each call, so the keys of the last few secrets are kept.
// A deployment has one secret (two while rotating); tests make many books with a fixed one.
const cache = new Map<string, Promise<Keys>>();
const cacheSize = 8;

// Token messages are JSON arrays (they start with "["), so no token can be the sealing key.
const sealKeyLabel = "partnerbook seal key v1";

function keysOf(secret: string): Promise<Keys> {
  let keys = cache.get(secret);
  if (keys === undefined) {
    keys = (async () => {
      const hmac = await subtle().importKey(
        "raw",
        encoder.encode(secret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"],
      );
      const material = await subtle().sign("HMAC", hmac, encoder.encode(sealKeyLabel));
      const seal = await subtle().importKey("raw", material, { name: "AES-GCM" }, false, [
        "encrypt",
        "decrypt",
      ]);
      return { hmac, seal };
    })();
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(secret, keys);
  }
  return keys;
}

/**
 * A token that only the holder of `secret` can compute: HMAC-SHA-256 over `purpose` and `parts`
 * (JSON-encoded, so no two inputs run together), 192 bits as 32 base64url characters. The same
 * inputs always give the same token, so it need never be stored.
 *
 * @example
 * await deriveToken(secret, "qr", "mem_1", 1); // "q3Z…" (32 characters), the same every time
 */
export async function deriveToken(
  secret: string,
  purpose: string,
  ...parts: readonly (string | number)[]
): Promise<string> {
  const { hmac } = await keysOf(secret);
  const message = encoder.encode(JSON.stringify(["partnerbook token", purpose, ...parts]));
  const mac = new Uint8Array(await subtle().sign("HMAC", hmac, message));
  return toBase64Url(mac.subarray(0, 24));
}

/** The refusal of a sealed text that cannot be opened: another secret, or altered. */
export class UnsealError extends Error {
  override readonly name = "UnsealError";
}

/**
 * `plaintext` encrypted and authenticated with a key derived from `secret` (AES-256-GCM), as
 * `v1.<iv>.<ciphertext>` in base64url. Only {@link unseal} with the same secret reads it back.
 *
 * @example
 * const sealed = await seal(secret, JSON.stringify(mail)); // "v1.Xk2….Qm9…"
 */
export async function seal(secret: string, plaintext: string): Promise<string> {
  const { seal: key } = await keysOf(secret);
  // A fresh random 96-bit IV per message: with GCM one repeated IV under the same key gives away
  // both messages and the means to forge others. It must not come from the injected IdSource:
  // sequential ids start again in every process, so several processes would repeat IVs.
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle().encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

/**
 * The plaintext of a {@link seal}ed text. Throws {@link UnsealError} if it was sealed with another
 * secret, altered, or is not a sealed text at all.
 */
export async function unseal(secret: string, sealed: string): Promise<string> {
  const [version, ivText, ciphertextText, ...rest] = sealed.split(".");
  const iv = fromBase64Url(ivText ?? "");
  const ciphertext = fromBase64Url(ciphertextText ?? "");
  // GCM appends a 16-byte tag: a shorter ciphertext was never sealed.
  if (
    version !== "v1" ||
    rest.length > 0 ||
    iv?.length !== 12 ||
    ciphertext === null ||
    ciphertext.length < 16
  ) {
    throw new UnsealError("not a message sealed by partnerbook (v1.<iv>.<ciphertext>)");
  }
  const { seal: key } = await keysOf(secret);
  try {
    const plaintext = await subtle().decrypt({ name: "AES-GCM", iv }, key, ciphertext);
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    throw new UnsealError("the message was sealed with another secret, or altered: it cannot be opened");
  }
}

/** The app's secret, or NOT_CONFIGURED: "`what` need `secret` in createPartnerbook". */
export function requireSecret(ctx: { readonly secret: string | null }, what: string): string {
  if (ctx.secret === null) {
    throw new PartnerbookError("NOT_CONFIGURED", `${what} need \`secret\` in createPartnerbook`);
  }
  return ctx.secret;
}
