import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod/mini";
import type * as inputs from "../src/inputs.js";
import type * as schemas from "../src/schemas.js";

// The public input types are written out (src/inputs.ts) so that users' compilers never read
// zod's declarations. These checks, made by `npm run typecheck`, keep them the schemas' inputs:
// a schema that accepts more or less than its type fails to compile here.

/** What a schema accepts, with arrays read-only: the API takes read-only arrays and copies them. */
type Accepted<S extends z.ZodMiniType> = ReadonlyDeep<z.input<S>>;
type ReadonlyDeep<T> = T extends readonly (infer I)[]
  ? readonly ReadonlyDeep<I>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

describe("public input types", () => {
  it("each accepts exactly what its schema accepts", () => {
    expectTypeOf<inputs.NewMemberInput>().toEqualTypeOf<Accepted<typeof schemas.newMemberSchema>>();
    expectTypeOf<inputs.ProfilePatchInput>().toEqualTypeOf<Accepted<typeof schemas.profilePatchSchema>>();
    expectTypeOf<inputs.NewOrganisationInput>().toEqualTypeOf<
      Accepted<typeof schemas.newOrganisationSchema>
    >();
    expectTypeOf<inputs.LinkingPolicyPatchInput>().toEqualTypeOf<
      Accepted<typeof schemas.linkingPolicyPatchSchema>
    >();
    expectTypeOf<inputs.NewCustomerInput>().toEqualTypeOf<Accepted<typeof schemas.newCustomerSchema>>();
    expectTypeOf<Omit<inputs.ContactPatchInput, "nickname" | "company" | "photoUrl">>().toEqualTypeOf<
      Accepted<typeof schemas.contactPatchSchema>
    >();
    expectTypeOf<inputs.ExpectedVersion>().toEqualTypeOf<Accepted<typeof schemas.expectedVersionSchema>>();
    expectTypeOf<inputs.SharingInput>().toEqualTypeOf<Accepted<typeof schemas.sharingSchema>>();
    expectTypeOf<inputs.NewGroupInput>().toEqualTypeOf<Accepted<typeof schemas.newGroupSchema>>();
    expectTypeOf<inputs.BookQueryInput | undefined>().toEqualTypeOf<
      Accepted<typeof schemas.bookQuerySchema>
    >();
    expectTypeOf<inputs.PageInput | undefined>().toEqualTypeOf<Accepted<typeof schemas.pageSchema>>();
  });
});
