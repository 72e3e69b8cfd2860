/**
 * The core: {@link createPartnerbook} and the use-cases it returns, the pure rules of RULES.md
 * (linking, search, sharing, trash, the address book's order) and the ports a store implements.
 *
 * @module partnerbook
 */
export type { AddResult } from "./app/add-linked.js";
export type { BookEntry, BookPageResult } from "./app/book.js";
export type { Contacts } from "./app/contacts.js";
export {
  createPartnerbook,
  type Partnerbook,
  type PartnerbookOptions,
} from "./app/create-partnerbook.js";
export type { Events } from "./app/events.js";
export type { Groups } from "./app/groups.js";
export type {
  ImportOptions,
  ImportRecord,
  ImportRefusalCode,
  ImportResult,
  ImportSummary,
} from "./app/import-records.js";
export type { RedeemResult } from "./app/invitation-redeem.js";
export type {
  EmailInvitationResult,
  EmailInvitationStatus,
  Invitations,
  InviteLink,
} from "./app/invitations.js";
export type { DeliveryReport, Mail } from "./app/mail.js";
export type { MemberPage, Members } from "./app/members.js";
export type { Organisations } from "./app/organisations.js";
export type { QrCodes } from "./app/qr-codes.js";
export type { Search } from "./app/search.js";
export type { Trash, TrashEntry } from "./app/trash.js";
export { canDelete, canEdit, canSee, canShare, type Viewer } from "./domain/access.js";
export {
  type BookPosition,
  decodeCursor,
  encodeCursor,
  onTab,
  searchTextOf,
  sortKeyOf,
  type Tab,
} from "./domain/address-book.js";
export {
  type Contact,
  type ContactDate,
  type ContactEmail,
  type ContactPhone,
  type CustomerContact,
  type CustomerProfile,
  isGone,
  type LabelledValue,
  type LinkedContact,
  type OwnerFields,
  type SyncedFields,
  type TrashState,
} from "./domain/contact.js";
export {
  type ContactPoints,
  contactPointKeys,
  contactPointsOf,
  emailKey,
} from "./domain/contact-points.js";
export {
  applyChange,
  type ContactChange,
  customerRequirementsMet,
  type SyncedFieldName,
  syncedFieldNames,
} from "./domain/fields.js";
export { foldForSearch } from "./domain/folding.js";
export type { Group } from "./domain/group.js";
export {
  asContactId,
  asGroupId,
  asMemberId,
  asOrganisationId,
  type ContactId,
  type EventId,
  type GroupId,
  type InvitationId,
  type MemberId,
  type OrganisationId,
} from "./domain/ids.js";
export {
  defaultInvitationExpiryDays,
  type Invitation,
  type InvitationKind,
  invitationTokenFrom,
  invitationUrl,
  maxEmailsPerRequest,
  type RedeemRefusal,
  redeemRefusal,
} from "./domain/invitation.js";
export { composeInvitationMail, type InvitationMailFacts } from "./domain/invitation-mail.js";
export {
  acceptsPartner,
  canLink,
  inScope,
  type LinkDecision,
  linkState,
  ownSideRefusal,
  type Party,
  type SideRefusal,
} from "./domain/linking.js";
export { type Member, normaliseWorksId } from "./domain/member.js";
export { mergeChange } from "./domain/merge.js";
export {
  contactLimit,
  defaultLinkingPolicy,
  defaultTrashRetentionDays,
  type LinkingPolicy,
  type LinkingScope,
  type Organisation,
  type PartnerRule,
  type Plan,
} from "./domain/organisation.js";
export { normalisePhone, type PhoneNumber, type Region } from "./domain/phone.js";
export { findableByPhone, type ProfileCard, profileCard, visibleCards } from "./domain/search.js";
export { maxShareTargets, privateSharing, type Sharing, type Visibility } from "./domain/sharing.js";
export { decideTalkAccess, type TalkAccess, type TalkReason } from "./domain/talk.js";
export { type TextRule, textProblem } from "./domain/text.js";
export { daysLeft, isRestorable, trashStateAt } from "./domain/trash.js";
export {
  type ErrorCode,
  type ErrorDetails,
  errorCodes,
  isPartnerbookError,
  PartnerbookError,
  type ValidationIssue,
} from "./errors.js";
export {
  type AddedVia,
  type EventType,
  eventSubject,
  type NewEvent,
  type PartnerbookEvent,
} from "./events.js";
export type {
  BookQueryInput,
  ContactPatchInput,
  CustomerProfileInput,
  ExpectedVersion,
  LabelledInput,
  LinkingPolicyPatchInput,
  NewCustomerInput,
  NewGroupInput,
  NewMemberInput,
  NewOrganisationInput,
  OwnerFieldsInput,
  PageInput,
  ProfilePatchInput,
  SharingInput,
} from "./inputs.js";
export { type Clock, type ManualClock, manualClock, systemClock } from "./ports/clock.js";
export { type IdKind, type IdSource, randomIds, sequentialIds } from "./ports/ids.js";
export type { Mailer, MailMessage } from "./ports/mailer.js";
export {
  defaultSearchQuota,
  type FixedWindowOptions,
  fixedWindowRateLimiter,
  type RateDecision,
  type RateLimiter,
} from "./ports/rate-limiter.js";
export type {
  BookPage,
  BookQuery,
  ContactRepository,
  DueDeletion,
  EventRepository,
  GroupRepository,
  InvitationRepository,
  MemberRepository,
  OrganisationRepository,
  OutboxItem,
  OutboxRepository,
  QrCode,
  QrCodeRepository,
  ReadOptions,
  Store,
  StoreTransaction,
  TrashPosition,
} from "./ports/store.js";
