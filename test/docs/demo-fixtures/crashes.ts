// A story that crashes (R32): one check, then an error no check expected.
import { expectRule } from "../../../examples/_narrate.js";

expectRule("R32", true, "restorable for 30 days");
throw new Error("the store went away");
