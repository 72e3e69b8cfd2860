// The layers of partnerbook and what each may import (ARCHITECTURE.md explains why).
// `npm run lint:layers` checks src against these rules; every rule is an error.

// Files at the top of src that every layer shares: errors, events, the input schemas and types.
const kernel = "^src/(errors|events|schemas|inputs)[.]ts$";
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "No file in src reaches itself through its imports, types included.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "src-not-from-outside",
      comment: "The package never imports its tests, benchmarks or examples.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|examples|scripts)/" },
    },
    {
      name: "domain-only-domain",
      comment: "Pure rules: the domain imports nothing of partnerbook but its own files.",
      severity: "error",
      from: { path: layer("domain") },
      to: { path: "^src/", pathNot: layer("domain") },
    },
    {
      name: "domain-no-io",
      comment: "Pure rules: no Node built-in, and of the libraries only those that compute.",
      severity: "error",
      from: { path: layer("domain") },
      to: {
        dependencyTypesNot: ["local"],
        pathNot: "^node_modules/(date-fns|libphonenumber-js|zod)/",
      },
    },
    {
      name: "kernel-only-domain",
      comment: "errors, events, schemas and inputs sit beside the domain, below every other layer.",
      severity: "error",
      from: { path: kernel },
      to: { path: "^src/", pathNot: [layer("domain"), kernel] },
    },
    {
      name: "ports-only-domain",
      comment:
        "Ports are interfaces over domain types (and the kernel). Their default implementations " +
        "(random ids from nanoid, the system clock) live beside them and use no I/O.",
      severity: "error",
      from: { path: layer("ports") },
      to: {
        pathNot: [layer("domain"), layer("ports"), kernel, "^node_modules/nanoid/"],
      },
    },
    {
      name: "app-not-outer-layers",
      comment: "Use-cases speak to storage and mail through ports only, never to an adapter.",
      severity: "error",
      from: { path: layer("app") },
      to: { path: [layer("adapters"), layer("testing"), layer("interop")] },
    },
    {
      name: "app-no-node-built-ins",
      comment: "Use-cases run in browsers and edge runtimes too.",
      severity: "error",
      from: { path: layer("app") },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "adapters-only-inner-layers",
      comment: "Adapters implement ports over domain types; none imports a use-case.",
      severity: "error",
      from: { path: layer("adapters") },
      to: { path: [layer("app"), layer("testing"), layer("interop")] },
    },
    {
      name: "adapters-apart",
      comment: "Each adapter stands alone: memory knows nothing of postgres, and back.",
      severity: "error",
      from: { path: "^src/adapters/([^/]+)/" },
      to: { path: "^src/adapters/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "interop-only-domain",
      comment: "Formats map records to domain values and public inputs, never through a use-case.",
      severity: "error",
      from: { path: layer("interop") },
      to: { path: "^src/", pathNot: [layer("domain"), layer("interop"), kernel] },
    },
    {
      name: "nothing-imports-testing",
      comment: "The conformance suite pulls in vitest: only the partnerbook/testing entry uses it.",
      severity: "error",
      from: { path: "^src/", pathNot: [layer("testing"), "^src/testing[.]ts$"] },
      to: { path: layer("testing") },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a cycle of types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};
