/** One piece of example code and the line (1-based) of its file its first line is on. */
export interface ExampleCode {
  readonly code: string;
  readonly line: number;
}
/** Every `@example` of a source file's doc comments. */
export function examplesIn(text: string): ExampleCode[];
/** Every ```ts block of a Markdown file. */
export function codeBlocksIn(text: string): ExampleCode[];
/** Type-checks every example of src and docs/guides; `problems` is empty when all compile. */
export function checkExamples(): { count: number; problems: string[] };
