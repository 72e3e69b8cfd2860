// A story with a broken rule (R30): the library let a non-owner delete.
import { expectRefusal, expectRule, say } from "../../../examples/_narrate.js";

expectRule("R30", true, "佐藤, the owner, may delete");
say("鈴木 tries to delete 山田 一郎, whom 佐藤 owns — and nothing stops him.");
await expectRefusal("R30", "only the owner may delete: not 鈴木", "NOT_PERMITTED", async () => "deleted");
expectRule("R31", true, "never reached: the example stops at its first ✗");
