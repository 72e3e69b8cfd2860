import { isPartnerbookError, type PartnerbookError } from "../../src/index.js";
import { aWorld, twoLinkableMembers, type World } from "../support/builders.js";

export type Scene = Awaited<ReturnType<typeof twoLinkableMembers>>;
export type Way = "works ID" | "phone";

/** The number twoLinkableMembers gives Lee, typed the way a searcher might. */
export const leesPhone = "+81 90-1234-5678";
export const nobodysWorksId = "no.such.member";
export const nobodysPhone = "080-0000-0000";

export async function aScene(world: World = aWorld()): Promise<{ world: World } & Scene> {
  return { world, ...(await twoLinkableMembers(world)) };
}

/** Awaits a promise that must reject with a PartnerbookError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<PartnerbookError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isPartnerbookError(outcome.error)) throw outcome.error;
  return outcome.error;
}
