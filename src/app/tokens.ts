/**
 * R20: the form in which a token is stored and looked up — its SHA-256, hex. Web Crypto, so it
 * runs the same in Node and in browsers.
 */
export async function hashToken(token: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
