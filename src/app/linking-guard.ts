import { ownSideRefusal, type Party } from "../domain/linking.js";
import { PartnerbookError } from "../errors.js";

/**
 * R10: the actor's own side being closed is theirs to fix, so it is an explicit error —
 * the only linking refusal that ever names a reason. Returns the party for chaining.
 */
export function requireOpenSide(self: Party): Party {
  const refusal = ownSideRefusal(self);
  if (refusal === null) return self;
  const message =
    refusal === "linking_off"
      ? "external linking is off in your organisation"
      : "you are outside your organisation's external-linking scope";
  throw new PartnerbookError("LINKING_DISABLED", message, { reason: refusal });
}

/**
 * R10: the one answer for every reason the other side cannot be added — no such member, their
 * organisation off, them outside its scope, either organisation excluding the other. None of
 * them is the actor's to fix, so the answer names none of them, and is the same as for a
 * member who does not exist.
 */
export function notAddable(): PartnerbookError {
  return new PartnerbookError("NOT_FOUND", "no external user you can add");
}
