// Shared by the examples: print a step, and stop with a non-zero exit if a rule does not hold.

/** Prints one narrated step. */
export function say(line: string): void {
  console.log(`  ${line}`);
}

/** Asserts a rule held; otherwise prints why and exits with status 1. */
export function expectRule(rule: string, held: boolean, detail: string): void {
  if (held) {
    console.log(`  ✓ ${rule}: ${detail}`);
    return;
  }
  console.error(`  ✗ ${rule} did NOT hold: ${detail}`);
  process.exit(1);
}

/** Runs `step`, expecting it to be refused with `code`; returns the error message. */
export async function expectRefusal(rule: string, code: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    const actual = (error as { code?: string }).code;
    expectRule(rule, actual === code, `refused with ${actual} — ${(error as Error).message}`);
    return;
  }
  expectRule(rule, false, `expected a ${code} refusal, but the step succeeded`);
}
