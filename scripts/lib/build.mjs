// Builds the app (Prisma client, Next.js, the server bundle) when the sources have
// changed since the last build; shared by `npm start` and `npm test`.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const STAMP = path.join(root, ".next", "readyroom-build.json");
const INPUTS = ["app", "components", "lib", "messages", "i18n", "scenarios", "prisma", "server.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];

function walk(p, out) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    if (p.endsWith(`${path.sep}generated`)) return;
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else out.push(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}`);
}

function fingerprint() {
  const files = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  return crypto.createHash("sha256").update(files.join("\n")).digest("hex");
}

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) {
    console.error(`Readyroom build failed during ${label}.`);
    process.exit(r.status ?? 1);
  }
}

export function isBuildCurrent() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    return stamp.fingerprint === fingerprint() && fs.existsSync(path.join(root, "dist", "server.js"));
  } catch {
    return false;
  }
}

export function ensureBuilt({ force = false } = {}) {
  if (!force && isBuildCurrent()) return false;
  console.log("Building Readyroom (first run or sources changed)…");
  // Taken before building: a file edited during the build makes the next run rebuild.
  const before = fingerprint();
  const bin = (name) => path.join(root, "node_modules", ".bin", name);
  run(process.execPath, [path.join(root, "scripts", "prisma.mjs"), "generate"], "prisma generate");
  run(bin("next"), ["build"], "next build");
  run(process.execPath, [path.join(root, "scripts", "build-server.mjs")], "the server bundle");
  fs.writeFileSync(STAMP, JSON.stringify({ fingerprint: before, builtAt: new Date().toISOString() }));
  return true;
}
