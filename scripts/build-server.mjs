// Bundles the server: server.ts into dist/server.js (the entry, which claims the port and starts
// the embedded database's thread) and server-main.ts into dist/server-main.js (the app, which the
// entry imports while the database starts), with the code both use in dist/chunk-*.js; the
// embedded database's thread into dist/db-worker.js and the PDF worker into dist/pdf-worker.js.
// Packages stay in node_modules.
import fs from "node:fs";
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

const dist = path.join(root, "dist");
// The chunks of an earlier build, named by their content, would otherwise pile up.
for (const name of fs.existsSync(dist) ? fs.readdirSync(dist) : []) if (/^chunk-.*\.js(\.map)?$/.test(name)) fs.rmSync(path.join(dist, name));
// Code splitting keeps server-main.ts and its packages out of the entry until it imports them.
await build({ ...common, entryPoints: [path.join(root, "server.ts"), path.join(root, "server-main.ts")], outdir: dist, splitting: true, entryNames: "[name]", chunkNames: "chunk-[hash]" });
// The embedded database runs on a worker thread (lib/db/embedded.ts).
await build({ ...common, entryPoints: [path.join(root, "lib", "db", "embedded-worker-entry.ts")], outfile: path.join(root, "dist", "db-worker.js") });
// The after-action report's PDF renderer runs on a worker thread (lib/reports/pdf/off-thread.ts).
await build({ ...common, entryPoints: [path.join(root, "lib", "reports", "pdf", "worker-entry.ts")], outfile: path.join(root, "dist", "pdf-worker.js") });
