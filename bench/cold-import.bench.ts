// Cold import: how long a fresh Node process takes to `import("partnerbook")` from the built
// dist/ (run `npm run build` first), next to importing zod alone in the same run — the yardstick
// that keeps the figure comparable across machines and loads. Each import runs in its own new
// `node` (no tsx, no cache but the OS's), which times only the import, not Node's own start.
// The rounds take the modules in turn, so a busy moment on the machine falls on all of them.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, ratio, round } from "./harness.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const rounds = 21;

/** What each child imports; "partnerbook" resolves to dist/ through the package's own exports. */
const subjects = [
  { name: "zod", specifiers: ["zod"] },
  { name: "partnerbook", specifiers: ["partnerbook"] },
  { name: "partnerbook + partnerbook/memory", specifiers: ["partnerbook", "partnerbook/memory"] },
  // Where partnerbook's time goes: its runtime dependencies, each alone, as partnerbook imports them.
  { name: "zod/mini", specifiers: ["zod/mini"] },
  { name: "libphonenumber-js/min", specifiers: ["libphonenumber-js/min"] },
  { name: "date-fns/addHours", specifiers: ["date-fns/addHours", "date-fns/differenceInMilliseconds"] },
  { name: "nanoid", specifiers: ["nanoid"] },
] as const;

export interface ColdImportRow {
  readonly module: string;
  readonly runs: number;
  readonly wallMedianMs: number;
  readonly wallMinMs: number;
  readonly wallMaxMs: number;
  /** CPU time of the importing process (all threads) over the import, median. */
  readonly cpuMedianMs: number;
  /** Wall median ÷ zod's wall median in the same run. */
  readonly vsZod: number | null;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

const probe = (specifiers: readonly string[]) => `
const cpu = process.cpuUsage();
const start = performance.now();
${specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join("\n")}
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));
`;

async function sample(specifiers: readonly string[]): Promise<Sample> {
  // `--input-type=module` code resolves bare names from the working directory, inside this
  // package, so "partnerbook" is the package itself (its `exports`), as a user's app would see it.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "--eval", probe(specifiers)],
    { cwd: root },
  );
  return JSON.parse(stdout.trim()) as Sample;
}

export async function run(): Promise<
  | { readonly rows: ColdImportRow[]; readonly ratios: Record<string, number | null> }
  | { readonly skipped: true; readonly reason: string }
> {
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    const reason = "dist/ is missing: run `npm run build` first";
    console.log(`  skipped: ${reason}`);
    return { skipped: true, reason };
  }
  const samples = new Map<string, Sample[]>(subjects.map((subject) => [subject.name, []]));
  console.log(`  ${rounds} rounds of ${subjects.length} fresh node processes…`);
  for (let round = 0; round < rounds; round++) {
    // Rotating the order: no module is always the first (or last) of a round.
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length] as (typeof subjects)[number];
      samples.get(subject.name)?.push(await sample(subject.specifiers));
    }
  }
  const zodWall = median((samples.get("zod") ?? []).map((s) => s.wallMs));
  const rows = subjects.map((subject): ColdImportRow => {
    const measured = samples.get(subject.name) ?? [];
    const walls = measured.map((s) => s.wallMs);
    const wallMedianMs = median(walls);
    return {
      module: subject.name,
      runs: measured.length,
      wallMedianMs: round(wallMedianMs, 1),
      wallMinMs: round(Math.min(...walls), 1),
      wallMaxMs: round(Math.max(...walls), 1),
      cpuMedianMs: round(median(measured.map((s) => s.cpuMs)), 1),
      vsZod: ratio(wallMedianMs, zodWall),
    };
  });
  console.table(rows);
  const find = (name: string) => rows.find((row) => row.module === name);
  const ratios = {
    "cold import partnerbook ÷ zod (wall medians)": find("partnerbook")?.vsZod ?? null,
    "cold import partnerbook + memory ÷ zod (wall medians)":
      find("partnerbook + partnerbook/memory")?.vsZod ?? null,
    "cold import partnerbook ÷ zod (CPU medians)": ratio(
      find("partnerbook")?.cpuMedianMs,
      find("zod")?.cpuMedianMs,
    ),
  };
  for (const [label, value] of Object.entries(ratios)) console.log(`    ${label}: ${value}`);
  return { rows, ratios };
}
