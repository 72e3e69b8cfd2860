// `npm run size` (part of `npm test`, after `npm run build`): what a user ships. Each entry below
// is a small consumer module importing partnerbook by its package name, so it resolves to the
// built dist/ through the package's own `exports`; esbuild bundles it the way an app's bundler
// would for a browser (dependencies included, minified) and the bundle is gzipped. The database
// drivers stay out: the app brings its own `pg` or PGlite, and their weight is not ours.
//
// Exits non-zero when a bundle is over its limit, or does not build for a browser at all (a
// Node built-in creeping into an entry point fails here before it fails in a user's bundler).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const { dependencies } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

const KB = 1024;
const quickStart = `
export { createPartnerbook } from "partnerbook";
export { memoryStore } from "partnerbook/memory";
`;

/**
 * `limit` is in gzip bytes; `over` names an earlier entry whose measured size the limit is added
 * to, for entry points whose budget is what they add to the quick start's bundle.
 */
const entries = [
  // 63.1 KB with contacts.import and export (60.5 KB before them).
  { name: "partnerbook + partnerbook/memory (quick start)", source: quickStart, limit: 65 * KB },
  {
    name: "quick start + partnerbook/qr",
    source: `${quickStart}export { qrCodeSvg } from "partnerbook/qr";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 15 * KB,
  },
  {
    name: "partnerbook + partnerbook/postgres (drivers external)",
    source: `
export { createPartnerbook } from "partnerbook";
export { fromPg, fromPglite, migrate, postgresStore } from "partnerbook/postgres";
`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 15 * KB,
  },
  {
    // vCard in and out; zod and libphonenumber-js are the quick start's already.
    name: "quick start + partnerbook/interop",
    source: `${quickStart}export { readVCards, writeVCard, writeVCardBytes } from "partnerbook/interop";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 16 * KB,
  },
  // Each further format on its own, as an app that needs one imports it; they share the
  // interop entry's record, limits and charsets, so together they cost less than the sum.
  {
    name: "quick start + interop CSV",
    source: `${quickStart}export { readCsv, writeCsvBytes } from "partnerbook/interop";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 12 * KB,
  },
  {
    name: "quick start + interop JSContact",
    source: `${quickStart}export { jsContactCardOf, readJSContactCards } from "partnerbook/interop";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 10 * KB,
  },
  {
    name: "quick start + interop LINE WORKS",
    source: `${quickStart}export { lineWorksContactOf, readLineWorksContacts } from "partnerbook/interop";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 8 * KB,
  },
  {
    name: "quick start + every interop format",
    source: `${quickStart}export * from "partnerbook/interop";\n`,
    over: "partnerbook + partnerbook/memory (quick start)",
    limit: 30 * KB,
  },
];

/** Minified and gzipped (level 9) bytes of `source` bundled, `external` left out. */
async function measure(source, external = []) {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), sourcefile: "consumer.js", loader: "js" },
    // The project's own tsconfig maps "partnerbook" to src/ for the tests; a user has no such map.
    tsconfigRaw: "{}",
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    external: ["pg", "@electric-sql/pglite", ...external],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const measured = new Map();
const rows = [];
let failed = false;
for (const entry of entries) {
  let size;
  try {
    size = await measure(entry.source);
  } catch (error) {
    failed = true;
    console.error(`${entry.name}: does not bundle for a browser (or dist/ is not built: npm run build)`);
    for (const message of error.errors ?? [error]) console.error(`  ${message.text ?? message}`);
    continue;
  }
  measured.set(entry.name, size);
  // Not a gate: how much of the bundle is partnerbook's own code, its dependencies left out.
  const own = await measure(
    entry.source,
    Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]),
  );
  const base = entry.over === undefined ? 0 : (measured.get(entry.over)?.gzip ?? Number.NaN);
  const limit = base + entry.limit;
  const ok = size.gzip <= limit;
  if (!ok) failed = true;
  rows.push({
    entry: entry.name,
    "min bytes": size.min,
    "gzip bytes": size.gzip,
    "gzip KB": (size.gzip / KB).toFixed(1),
    "own code gzip KB": (own.gzip / KB).toFixed(1),
    limit:
      entry.over === undefined
        ? `${entry.limit / KB} KB`
        : `+${entry.limit / KB} KB = ${(limit / KB).toFixed(1)} KB`,
    "": ok ? "ok" : "OVER",
  });
}
console.table(rows);
if (failed) {
  console.error("A bundle is over its limit or did not build; see above.");
  process.exit(1);
}
