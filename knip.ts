// knip: unused files, exports and dependencies fail `npm test` (scripts/test.mjs runs it before
// vitest). Its Next.js plugin finds the app router's entries (pages, layouts, route handlers,
// next.config.mjs) and its vitest plugin the config, projects and global setup; the entries
// below are the ones no plugin can know about.
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    // npm scripts (server.ts and proxy.ts are found through package.json and the Next.js plugin), the benchmark's forked clients and baseline server, the PDF and database worker threads
    "scripts/*.{ts,mjs}",
    "scripts/bench/client-worker.ts",
    "scripts/bench/baseline-server.ts",
    "lib/reports/pdf/worker-entry.ts",
    // the embedded database's thread (bundled as dist/db-worker.js by scripts/build-server.mjs)
    "lib/db/embedded-worker-entry.ts",
    // next-intl's request config (named in next.config.mjs)
    "i18n/*.ts",
    "tests/**/*.test.ts",
    "tests/setup/*.ts",
  ],
  project: ["**/*.{ts,tsx,mjs}", "!lib/generated/**"],
  // An export used only inside its own module is part of that module, not dead.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // imported by the generated client in lib/generated (knip does not read generated code)
    "@prisma/client",
    // the PDF's fonts are read from the package's folder by path (lib/reports/pdf/fonts.ts)
    "@expo-google-fonts/noto-sans",
    // the browser tests inject axe.min.js into the page, read from the package by path (tests/helpers/axe.ts)
    "axe-core",
  ],
  // Debian tools the tests and scripts/test.mjs call (installed there when missing)
  ignoreBinaries: ["apt-get", "pdftoppm", "pdftotext", "pdfinfo"],
};

export default config;
