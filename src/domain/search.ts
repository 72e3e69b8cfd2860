import type { MemberId } from "./ids.js";
import { canLink, type Party } from "./linking.js";
import type { Member } from "./member.js";

/**
 * R9: what a search shows to confirm the right person before adding — and nothing more:
 * no phone, no email, no works ID, no organisation id.
 */
export interface ProfileCard {
  /** The handle to pass to `contacts.addFromSearch`. */
  readonly memberId: MemberId;
  readonly displayName: string;
  readonly nickname: string | null;
  readonly company: string;
  readonly photoUrl: string | null;
}

/** R9: the profile card of a member. */
export function profileCard(target: Party): ProfileCard {
  return {
    memberId: target.member.id,
    displayName: target.member.displayName,
    nickname: target.member.nickname,
    company: target.organisation.name,
    photoUrl: target.member.photoUrl,
  };
}

/** R8: a member is found by phone only if they allowed it and have a mobile number. */
export function findableByPhone(member: Member): boolean {
  return member.allowSearchByPhone && member.mobilePhone !== null;
}

/**
 * R9/R10: the cards a search may show. Every reason a candidate is left out — other
 * organisation off, outside scope, blocked, same organisation — leaves it out the same way.
 */
export function visibleCards(searcher: Party, candidates: readonly Party[]): ProfileCard[] {
  return candidates
    .filter((candidate) => canLink(searcher, candidate).ok)
    .map(profileCard)
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}
