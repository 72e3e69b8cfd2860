// Type-checks every `@example` in the JSDoc of src/**/*.ts, and every ```ts block of the guides
// (docs/guides/*.md), strictly, with the project's own compiler options. Each example becomes a
// module of its own, placed beside the file it documents (in memory only), that sees:
//   - what it imports itself;
//   - every export of that file, and of each public entry (partnerbook, partnerbook/memory, …);
//   - the ambient names the examples take as given (`book`, `me`, `contact`, …), with real types,
//     declared in PRELUDE below.
// An example that stops compiling fails `npm run docs:check` with its file and line.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entries = {
  partnerbook: "src/index.ts",
  "partnerbook/memory": "src/memory.ts",
  "partnerbook/postgres": "src/postgres.ts",
  "partnerbook/qr": "src/qr.ts",
  "partnerbook/testing": "src/testing.ts",
  "partnerbook/interop": "src/interop.ts",
};

// The names examples use without declaring them: what a reader's own code would have at hand.
const PRELUDE = `import type { Contact, ContactId, ContactPhone, InviteLink, MailMessage, Member, MemberId, Organisation, OrganisationId, Partnerbook, Store } from "partnerbook";
import type { ContactRecord } from "partnerbook/interop";
import type { PgPoolLike } from "partnerbook/postgres";

declare global {
  /** The partnerbook instance of the reader's app. */
  const book: Partnerbook;
  /** The acting member (the signed-in user). */
  const me: MemberId;
  /** An admin of the reader's organisation, and that organisation. */
  const admin: MemberId;
  const orgId: OrganisationId;
  const satoId: MemberId;
  const rivalId: OrganisationId;
  const contactId: ContactId;
  const contact: Contact;
  const phone: ContactPhone;
  const link: InviteLink;
  const mail: MailMessage;
  const record: ContactRecord;
  const records: ContactRecord[];
  const bytes: Uint8Array;
  const secret: string;
  const url: string;
  const expiresAt: Date;
  const acme: Organisation;
  const globex: Organisation;
  const sato: Member;
  const lee: Member;
  const pool: PgPoolLike;
  /** A file the user picked or uploaded (the web's File). */
  const file: { bytes(): Promise<Uint8Array>; stream(): ReadableStream<Uint8Array>; text(): Promise<string> };
  /** An HTTP response (the web's Response). */
  const response: { text(): Promise<string>; json(): Promise<unknown> };
  /** An HTTP GET of a JSON API, answering the parsed body. */
  function get(path: string): Promise<unknown>;
  const headers: Record<string, string>;
  const id: string;
  const request: { body: AsyncIterable<Uint8Array>; params: { memberId: string } };
  const writer: { write(contact: Contact): void };
  /** What the reader's app does with each entry a reader hands out. */
  function handle(entry: unknown): void;
  /** Where the reader's app writes a file, whole or chunk by chunk. */
  function save(bytes: Uint8Array): void;
  const out: { write(chunk: string | Uint8Array): void };
  function myStore(database: unknown): Store;
  function freshDatabase(): Promise<unknown>;
}
export {};
`;
// Modules examples may use by name without importing them, like the package's own exports.
const libraries = [
  { from: "node:fs", names: ["createReadStream"] },
  { from: "pg", names: ["default as pg"] },
];

/** Every `@example` of a file: its code and the line (1-based) its code starts on. */
export function examplesIn(text) {
  const examples = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, comment.index).split("\n").length;
    const lines = comment[0].split("\n").map((line) =>
      line
        .replace(/^\s*\/\*\*\s?/, "")
        .replace(/\s*\*\/\s*$/, "")
        .replace(/^\s*\* ?/, ""),
    );
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue;
      let end = i + 1;
      while (end < lines.length && !/^@\w/.test(lines[end])) end++;
      let body = lines.slice(i + 1, end);
      let first = startLine + i + 1;
      // A fenced example is its fences' content; an unfenced one is code as a whole (as TypeDoc reads it).
      const open = body.findIndex((line) => /^```/.test(line));
      if (open !== -1) {
        const close = body.findIndex((line, j) => j > open && /^```/.test(line));
        body = body.slice(open + 1, close === -1 ? undefined : close);
        first += open + 1;
      }
      examples.push({ code: body.join("\n").trimEnd(), line: first });
      i = end - 1;
    }
  }
  return examples;
}

/** Every ```ts block of a Markdown file: its code and the line (1-based) its code starts on. */
export function codeBlocksIn(text) {
  const blocks = [];
  for (const block of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    blocks.push({ code: block[1].trimEnd(), line: text.slice(0, block.index).split("\n").length + 1 });
  }
  return blocks;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * An example as the body of an async function — so that it may `await`, and `return` as the
 * handler it stands for would — with its own imports taken out (blanked, so lines keep their
 * numbers) to go at the top level, and the names it declares or imports, which the prelude must
 * not bring.
 */
function split(code) {
  const names = new Set();
  const imports = [];
  let body = code;
  const file = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const bind = (name) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      names.add(statement.name.text);
    else if (ts.isImportDeclaration(statement)) {
      const [start, end] = [statement.getStart(file), statement.getEnd()];
      imports.push(code.slice(start, end));
      body = body.slice(0, start) + code.slice(start, end).replace(/[^\n]/g, " ") + body.slice(end);
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    }
  }
  return { names, imports, body };
}

/** What goes before an example's first line, on the same line. */
const opener = "export async function example() { ";

function configuredOptions() {
  const configPath = join(root, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
  );
  if (!parsed) throw new Error("cannot read tsconfig.json");
  return { ...parsed.options, noEmit: true };
}

/** Each exported name of `file` and whether it is a value (else a type only). */
function exportsOf(program, file) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) return [];
  return checker.getExportsOfModule(symbol).map((exported) => {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, value: (target.flags & ts.SymbolFlags.Value) !== 0 };
  });
}

export function checkExamples() {
  const options = configuredOptions();
  const files = sourceFiles(join(root, "src"));
  const guides = readdirSync(join(root, "docs", "guides"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(root, "docs", "guides", name));
  const examples = [
    ...files.flatMap((file) =>
      examplesIn(readFileSync(file, "utf8")).map((example, n) => ({ ...example, file, n, source: true })),
    ),
    ...guides.flatMap((file) =>
      codeBlocksIn(readFileSync(file, "utf8")).map((example, n) => ({ ...example, file, n, source: false })),
    ),
  ];
  const entryFiles = Object.values(entries).map((file) => join(root, file));
  const documented = examples.filter((e) => e.source).map((e) => e.file);
  const base = ts.createProgram([...new Set([...entryFiles, ...documented])], options);

  const virtual = new Map();
  const preludePath = join(root, "src", "__examples_prelude.ts");
  virtual.set(preludePath, PRELUDE);
  for (const example of examples) {
    const { names: taken, imports: own, body } = split(example.code);
    const imports = [...own];
    const bring = (specifier, exported) => {
      const values = [];
      const types = [];
      for (const { name, value } of exported) {
        if (taken.has(name)) continue;
        taken.add(name);
        (value ? values : types).push(name);
      }
      const list = [...values, ...types.map((name) => `type ${name}`)];
      if (list.length > 0) imports.push(`import { ${list.join(", ")} } from ${JSON.stringify(specifier)};`);
    };
    if (example.source)
      bring(`./${basename(example.file).replace(/\.ts$/, ".js")}`, exportsOf(base, example.file));
    for (const [specifier, file] of Object.entries(entries))
      bring(specifier, exportsOf(base, join(root, file)));
    for (const { from, names } of libraries) {
      const free = names.filter((name) => !taken.has(name.split(" as ").pop()));
      if (free.length > 0) imports.push(`import { ${free.join(", ")} } from ${JSON.stringify(from)};`);
    }
    const path = `${example.file.replace(/\.ts$/, "")}.example-${example.n + 1}.ts`;
    // The body goes first so that its lines keep their numbers; imports are hoisted anyway.
    example.path = path;
    example.text = `${opener}${body}\n}\n${imports.join("\n")}\n`;
    virtual.set(path, example.text);
  }

  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    virtual.has(file)
      ? ts.createSourceFile(file, virtual.get(file), language, true)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([preludePath, ...examples.map((e) => e.path)], options, host, base);

  const problems = [];
  for (const example of examples) {
    const source = program.getSourceFile(example.path);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      const inExample = line < example.code.split("\n").length;
      const column = line === 0 ? character - opener.length : character;
      const where = inExample
        ? `${relative(root, example.file)}:${example.line + line}:${column + 1}`
        : `${relative(root, example.file)}:${example.line} (in the example's imports)`;
      problems.push(`${where} — TS${diagnostic.code}: ${message}`);
    }
  }
  const prelude = program.getSourceFile(preludePath);
  for (const diagnostic of program.getSemanticDiagnostics(prelude)) {
    problems.push(
      `scripts/check-examples.mjs PRELUDE — ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`,
    );
  }
  return { count: examples.length, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { count, problems } = checkExamples();
  if (problems.length > 0) {
    console.error(
      `${problems.length} problem(s) in the examples of src and docs/guides:\n${problems.join("\n")}`,
    );
    process.exit(1);
  }
  console.log(`${count} examples (@example in src, code in docs/guides) compile (strict).`);
}
