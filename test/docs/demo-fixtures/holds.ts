// A story whose rules hold (R30): two checks, both ✓.
import { expectRefusal, expectRule, say } from "../../../examples/_narrate.js";

say("鈴木 tries to delete 山田 一郎, whom 佐藤 owns.");
await expectRefusal("R30", "only the owner may delete: not 鈴木", "NOT_PERMITTED", async () => {
  throw Object.assign(new Error("you may not delete this contact"), { code: "NOT_PERMITTED" });
});
expectRule("R30", true, "佐藤, the owner, may");
