// Bundles server.ts into dist/server.js, the embedded database's thread into dist/db-worker.js
// and the PDF worker into dist/pdf-worker.js;
// packages stay in node_modules.
import path from "node:path";
import { build } from "esbuild";
import { root } from "./lib/build.mjs";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: true,
  logLevel: "warning",
};

await build({ ...common, entryPoints: [path.join(root, "server.ts")], outfile: path.join(root, "dist", "server.js") });
// The embedded database runs on a worker thread (lib/db/embedded.ts).
await build({ ...common, entryPoints: [path.join(root, "lib", "db", "embedded-worker-entry.ts")], outfile: path.join(root, "dist", "db-worker.js") });
// The after-action report's PDF renderer runs on a worker thread (lib/reports/pdf/off-thread.ts).
await build({ ...common, entryPoints: [path.join(root, "lib", "reports", "pdf", "worker-entry.ts")], outfile: path.join(root, "dist", "pdf-worker.js") });
