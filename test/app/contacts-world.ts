import type { MemberId } from "../../src/index.js";
import type { World } from "../support/builders.js";

export const theCustomer = { familyName: "山田", phones: [{ number: "090-1111-2222" }] };

export async function fillBook(world: World, owner: MemberId, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await world.book.contacts.addCustomer(owner, {
      givenName: `Customer ${i}`,
      emails: [{ address: `c${i}@example.com` }],
    });
  }
}
