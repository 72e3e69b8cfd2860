// `npm run demo`: scripts/run-examples.mjs and the examples' narration (examples/_narrate.ts). The
// runner is run on the small stories in demo-fixtures/ — one whose rules hold, one where the library
// let a non-owner delete, one that crashes — so the ✓, ✗ and summary lines are proven in seconds;
// `npm test` runs the real demo at its end.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { colourWanted, jst, short, shortUrls } from "../../examples/_narrate.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function demo(...stories: string[]) {
  const files = stories.map((story) => (story.includes("/") ? story : `test/docs/demo-fixtures/${story}.ts`));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.PARTNERBOOK_DEMO_TALLY;
  const run = spawnSync(process.execPath, ["scripts/run-examples.mjs", ...files], { cwd: root, env });
  const stdout = run.stdout.toString();
  return {
    status: run.status,
    stdout,
    stderr: run.stderr.toString(),
    last: stdout.trim().split("\n").at(-1),
  };
}

describe("npm run demo", () => {
  it("gives each example a title line with its rules, a ✓ line per check, and one summary line", () => {
    const run = demo("holds");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("━━ A story whose rules hold · R30 · test/docs/demo-fixtures/holds.ts\n");
    expect(run.stdout).toContain("  ✓ R30 only the owner may delete: not 鈴木 (NOT_PERMITTED)\n");
    expect(run.stdout).toContain("  ✓ R30 佐藤, the owner, may\n");
    expect(run.last).toBe("demo: 1 example, 2 rule checks, 2 ✓, 0 ✗");
    expect(run.stderr).toBe("");
  });

  it("when a rule breaks (here a non-owner may delete): prints the ✗ line and its reason, runs the other examples, and exits 1", () => {
    const run = demo("breaks", "holds");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("  ✗ R30 only the owner may delete: not 鈴木 (NOT_PERMITTED)\n");
    expect(run.stderr).toContain(
      "    expected a NOT_PERMITTED refusal, but the step succeeded (at test/docs/demo-fixtures/breaks.ts:6)\n",
    );
    expect(run.stdout).not.toContain("never reached");
    expect(run.stdout).toContain("━━ A story whose rules hold");
    expect(run.last).toBe("demo: 2 examples, 4 rule checks, 3 ✓, 1 ✗");
    expect(run.stderr).toContain("demo failed: test/docs/demo-fixtures/breaks.ts (✗ R30)");
  });

  it("counts an example that crashes without a ✗ as failed, with its exit code", () => {
    const run = demo("crashes");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Error: the store went away");
    expect(run.last).toBe("demo: 1 example, 1 rule check, 1 ✓, 0 ✗");
    expect(run.stderr).toContain(
      "demo failed: test/docs/demo-fixtures/crashes.ts (stopped with exit code 1 after 1 check)",
    );
  });

  it("prints what the README shows of it, from examples/trash.ts", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const sample = readme.match(/```text\n(━━ [^\n]*examples\/trash\.ts\n[\s\S]*?)```/)?.[1];
    expect(sample).toBeDefined();
    const run = demo("examples/trash.ts");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(sample);
  });

  it("takes each example's title and rules from its first line, `// <title> (<rules>): …`", () => {
    const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter(
      (name) => name.endsWith(".ts") && !name.startsWith("_"),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const first = readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8").split("\n")[0];
      expect(first, name).toMatch(/^\/\/ .+? \(R\d[^)]*\):/);
    }
  });
});

describe("the examples' narration", () => {
  it("shows dates and times in Japan time, whatever the machine's zone", () => {
    expect(jst(new Date("2026-12-03T01:00:00Z"))).toBe("2026年12月3日 10:00 JST");
    expect(jst(new Date("2026-04-30T15:00:00Z"))).toBe("2026年5月1日 00:00 JST");
    expect(jst(new Date("2026-04-01T09:00:00+09:00"))).toBe("2026年4月1日 09:00 JST");
  });

  it("for all instants, shows the wall clock of UTC+9 (Japan keeps no summer time)", () => {
    const instants = fc.date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2099-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (at) => {
        const tokyo = new Date(at.getTime() + 9 * 60 * 60 * 1000);
        const two = (n: number) => String(n).padStart(2, "0");
        const wall = `${tokyo.getUTCFullYear()}年${tokyo.getUTCMonth() + 1}月${tokyo.getUTCDate()}日 ${two(tokyo.getUTCHours())}:${two(tokyo.getUTCMinutes())} JST`;
        expect(jst(at)).toBe(wall);
      }),
    );
  });

  it("shortens tokens, alone and at the end of URLs, and leaves short ones whole", () => {
    expect(short("eAt52Aqia1xji2vJ8kIU-2cVa5454KOJ")).toBe("eAt52A…");
    expect(short("https://talk.example.jp/invite/eAt52Aqia1xji2vJ8kIU")).toBe(
      "https://talk.example.jp/invite/eAt52A…",
    );
    expect(short("https://talk.example.jp/invite")).toBe("https://talk.example.jp/invite");
    expect(shortUrls("開く: https://talk.example.jp/invite/eAt52Aqia1xji2vJ8kIU\n")).toBe(
      "開く: https://talk.example.jp/invite/eAt52A…\n",
    );
  });

  it("colours only a terminal, and not when NO_COLOR is set", () => {
    expect(colourWanted({ isTTY: true }, {})).toBe(true);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(colourWanted({ isTTY: false }, {})).toBe(false);
    expect(colourWanted({}, {})).toBe(false);
  });
});
