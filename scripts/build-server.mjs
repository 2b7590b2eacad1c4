// Bundles server.ts into dist/server.js; packages stay in node_modules.
import path from "node:path";
import { build } from "esbuild";
import { root } from "./lib/build.mjs";

await build({
  entryPoints: [path.join(root, "server.ts")],
  outfile: path.join(root, "dist", "server.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: true,
  logLevel: "warning",
});
