import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocksIn, examplesIn } from "../../scripts/check-examples.mjs";

const src = new URL("../../src", import.meta.url).pathname;
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });

describe("scripts/check-examples.mjs finds the code it checks", () => {
  it("an unfenced @example is code up to the next tag, with the line it starts on", () => {
    const text = [
      "/**",
      " * Adds one.",
      " *",
      " * @example",
      " * addOne(1) // 2",
      " * addOne(2)",
      " * @param n the number",
      " */",
      "export const addOne = (n: number) => n + 1;",
    ].join("\n");
    expect(examplesIn(text)).toEqual([{ code: "addOne(1) // 2\naddOne(2)", line: 5 }]);
  });

  it("a fenced @example is its fence's content; several examples on one comment are each found", () => {
    const text = [
      "/**",
      " * @example",
      " * With a title:",
      " * ```ts",
      " * const a = 1;",
      " * ```",
      " * @example",
      " * const b = 2;",
      " */",
    ].join("\n");
    expect(examplesIn(text)).toEqual([
      { code: "const a = 1;", line: 5 },
      { code: "const b = 2;", line: 8 },
    ]);
  });

  it("an indented member's @example loses its comment margin", () => {
    const text = [
      "  /**",
      "   * @example",
      "   * for (const x of xs) {",
      "   *   use(x);",
      "   * }",
      "   */",
    ].join("\n");
    expect(examplesIn(text)).toEqual([{ code: "for (const x of xs) {\n  use(x);\n}", line: 3 }]);
  });

  it("every `* @example` line in src is one example the script checks", () => {
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, "utf8");
      const tags = text.split("\n").filter((line) => /^\s*\* @example\b/.test(line)).length;
      expect(examplesIn(text).length, file).toBe(tags);
    }
  });

  it("a guide's ```ts blocks are found, other languages are not", () => {
    const text = ["# Guide", "", "```ts", "const x = 1;", "```", "", "```sh", "npm test", "```"].join("\n");
    expect(codeBlocksIn(text)).toEqual([{ code: "const x = 1;", line: 4 }]);
  });
});
