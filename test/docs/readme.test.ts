import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../src/index.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("shows the first example exactly as examples/quick-start.ts, which the demo runs", () => {
    const example = readFileSync(new URL("../../examples/quick-start.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("lists every error code in its table", () => {
    for (const code of errorCodes) expect(readme).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|`));
  });

  it("has a row for every rule R1–R35", () => {
    for (let rule = 1; rule <= 35; rule++) expect(readme).toMatch(new RegExp(`\\|\\s*R${rule}\\s*\\|`));
  });
});
