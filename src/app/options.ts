import { PartnerbookError } from "../errors.js";

// The ports an app hands to createPartnerbook, checked when it does: a store without
// `transaction` or a mailer whose `send` is not a function fails at once, by name, rather than
// with a TypeError deep inside the first request that uses it.

/** Each injected port and the methods it must have. */
const portMethods = {
  store: ["transaction"],
  clock: ["now"],
  ids: ["id", "token"],
  searchLimiter: ["consume"],
  mailer: ["send"],
} as const;

const refuse = (path: string, message: string) =>
  new PartnerbookError("VALIDATION", `createPartnerbook: ${path} ${message}`, {
    issues: [{ path: path === "options" ? [] : [path], message }],
  });

/** Refuses options that are not an object, or whose ports lack a method they need. */
export function checkPorts(options: unknown): void {
  if (typeof options !== "object" || options === null) throw refuse("options", "must be an object");
  const given = options as Record<string, unknown>;
  for (const [name, methods] of Object.entries(portMethods)) {
    const port = given[name];
    if (port === undefined && name !== "store") continue;
    if (typeof port !== "object" || port === null) {
      throw refuse(
        name,
        name === "store"
          ? "is required: memoryStore(), postgresStore(client) or your own"
          : "must be an object",
      );
    }
    for (const method of methods) {
      if (typeof (port as Record<string, unknown>)[method] !== "function") {
        throw refuse(name, `must have a ${method}() method`);
      }
    }
  }
  if (given.mailer !== undefined && given.inviteBaseUrl === undefined) {
    // Without it real mail would carry placeholder links that lead nowhere.
    throw refuse("inviteBaseUrl", "is required when a mailer is given: the redeem page of your app");
  }
  if (given.mailer !== undefined && given.secret === undefined) {
    // R20: queued mail carries a working invite link, so it is kept sealed with the secret.
    throw refuse("secret", "is required when a mailer is given: queued mail is sealed with it");
  }
  if (given.onListenerError !== undefined && typeof given.onListenerError !== "function") {
    throw refuse("onListenerError", "must be a function");
  }
}

/** R20: the app's secret, if given — a string of 32 to 1000 characters. Never echoed back. */
export function checkSecret(secret: unknown): string | null {
  if (secret === undefined) return null;
  if (typeof secret !== "string" || secret.length < 32 || secret.length > 1000) {
    throw refuse(
      "secret",
      "must be a string of 32 to 1000 characters: a random value from your secret manager",
    );
  }
  return secret;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
