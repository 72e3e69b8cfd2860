// The reference model: the rules of RULES.md written out again, as plainly as possible, over
// a small world addressed by index (organisation #0, member #3). It imports no code from src —
// only types — so that it is a second opinion, not a copy of the first.
//
// The rules are split by area under reference/, each a class extending the one before.

import { InvitationsModel } from "./reference/invitations.js";

export * from "./reference/state.js";
export * from "./reference/world.js";

/** Everything partnerbook should hold, and the answer every operation should give. */
export class Model extends InvitationsModel {}
