declare const brand: unique symbol;

/** A string that the type system keeps apart from other ids of other things. */
export type Branded<T extends string> = string & { readonly [brand]: T };

/** Identifies an {@link Organisation}. */
export type OrganisationId = Branded<"OrganisationId">;
/** Identifies a {@link Member}. */
export type MemberId = Branded<"MemberId">;
/** Identifies a {@link Contact}. */
export type ContactId = Branded<"ContactId">;
/** Identifies an address-book {@link Group}. */
export type GroupId = Branded<"GroupId">;
/** Identifies an {@link Invitation}. */
export type InvitationId = Branded<"InvitationId">;
/** Identifies a {@link PartnerbookEvent}. */
export type EventId = Branded<"EventId">;

/**
 * Brands ids that come from your own storage or request parameters. Inputs to the
 * use-cases are validated anyway; this only satisfies the compiler.
 *
 * @example
 * const me = asMemberId(request.params.memberId);
 */
export const asOrganisationId = (id: string): OrganisationId => id as OrganisationId;
/** @see asOrganisationId */
export const asMemberId = (id: string): MemberId => id as MemberId;
/** @see asOrganisationId */
export const asContactId = (id: string): ContactId => id as ContactId;
/** @see asOrganisationId */
export const asGroupId = (id: string): GroupId => id as GroupId;
