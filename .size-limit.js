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
    // 14.1 KB with the outbox, mail delivery and per-organisation event logs (was 13.2 KB).
    limit: "16 KB",
    ignore: dependencies,
    modifyEsbuildConfig: quiet,
  },
  {
    name: "partnerbook + partnerbook/memory (what the quick start imports)",
    path: ["dist/index.js", "dist/memory.js"],
    import: { "dist/index.js": "{ createPartnerbook }", "dist/memory.js": "{ memoryStore }" },
    gzip: true,
    // 18.8 KB with the memory store's outbox and logs (was 17.6 KB).
    limit: "20 KB",
    ignore: dependencies,
    modifyEsbuildConfig: quiet,
  },
];
