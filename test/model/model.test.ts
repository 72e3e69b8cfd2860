import fc from "fast-check";
import { describe, it } from "vitest";
import { memoryStore } from "../../src/memory.js";
import { allCommands, modelSetup } from "./commands.js";
import { memoryRuns, modelSeed } from "./runs.js";

describe("model-based: the whole public API against a reference model", () => {
  it(
    "model: any sequence of operations keeps the book consistent with the model (memory)",
    async () => {
      const setup = modelSetup(async () => memoryStore());
      await fc.assert(
        fc.asyncProperty(fc.commands(allCommands, { size: "+1", maxCommands: 25 }), (cmds) =>
          fc.asyncModelRun(setup, cmds),
        ),
        { numRuns: memoryRuns, seed: modelSeed },
      );
    },
    Math.max(300_000, memoryRuns * 1_000),
  );
});
