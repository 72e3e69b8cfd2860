// `npm run size` (part of `npm test`): what partnerbook adds to a user's bundle — the built ESM
// entry points bundled, minified and gzipped by esbuild, without partnerbook's own dependencies
// (the user's bundler shares those with everything else that uses them).
const dependencies = ["zod", "nanoid", "date-fns", "libphonenumber-js"];

// tsup's shared chunks are imported bare from each entry; esbuild warns that it drops those
// imports because the package declares no side effects, which is exactly what we want.
const quiet = (config) => ({
  ...config,
  logOverride: { ...config.logOverride, "ignored-bare-import": "silent" },
});

export default [
  {
    name: "partnerbook (core)",
    path: "dist/index.js",
    import: "*",
    gzip: true,
    // 16.8 KB with the reads by actor, the text rules, verified cursors, QR tokens derived from
    // the secret and sealed mail (was 14.1 KB); 19.2 KB with contacts.import and export, and the
    // merge of an imported record (mergeChange). What a user ships, dependencies included, is
    // the next gate to build.
    limit: "19.5 KB",
    ignore: dependencies,
    modifyEsbuildConfig: quiet,
  },
  {
    name: "partnerbook + partnerbook/memory (what the quick start imports)",
    path: ["dist/index.js", "dist/memory.js"],
    import: { "dist/index.js": "{ createPartnerbook }", "dist/memory.js": "{ memoryStore }" },
    gzip: true,
    // 21.9 KB with the above and the memory store's member pages and event subjects (was 18.8 KB);
    // 24.7 KB with imports and the memory store's index of contacts by phone and email.
    limit: "25 KB",
    ignore: dependencies,
    modifyEsbuildConfig: quiet,
  },
];
