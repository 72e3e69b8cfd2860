// Model-based commands over the whole public API. Each command names members, organisations,
// contacts and invite URLs by index into the model, so that any sequence — and any shrunk
// sequence — means something; `run` asks the model what should happen, does it on the real
// book, and fails unless both agree (success and its answer, or the exact error code).

import type fc from "fast-check";
import {
  edit,
  findInBook,
  purge,
  purgeExpired,
  restore,
  share,
  trashDelete,
  view,
} from "./commands/contacts.js";
import { createLink, inviteByLink, listPending, redeem, revoke, sendEmail } from "./commands/invitations.js";
import {
  reissueQr,
  renameOrganisation,
  setLinkingPolicy,
  setPhoneSearch,
  updateProfile,
} from "./commands/organisation.js";
import type { Real } from "./commands/outcomes.js";
import { addCustomer, addFromQr, addFromSearch, searchByPhone, searchByWorksId } from "./commands/search.js";
import { advanceClock, toNextDeadline } from "./commands/time.js";
import type { Model } from "./model.js";

export { checkInvariants } from "./commands/invariants.js";
export type { Real } from "./commands/outcomes.js";
export { modelSetup, type StoreFactory } from "./commands/setup.js";

/** Every command, for `fc.commands`; the contact life cycle weighs more, so runs go deep. */
export const allCommands: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] = [
  setLinkingPolicy,
  setLinkingPolicy,
  renameOrganisation,
  updateProfile,
  setPhoneSearch,
  reissueQr,
  searchByWorksId,
  searchByPhone,
  addFromSearch,
  addFromSearch,
  addFromSearch,
  addFromQr,
  addCustomer,
  createLink,
  inviteByLink,
  sendEmail,
  redeem,
  redeem,
  revoke,
  listPending,
  edit,
  edit,
  share,
  trashDelete,
  trashDelete,
  restore,
  restore,
  purge,
  purgeExpired,
  view,
  findInBook,
  advanceClock,
  toNextDeadline,
];
