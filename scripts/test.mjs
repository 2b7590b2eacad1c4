#!/usr/bin/env node
// `npm test`: the whole suite (unit, integration, browser end-to-end). Installs Debian's
// Chromium when it is missing and we are root, builds the app when sources changed,
// then runs vitest over every project. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ensureBuilt, root } from "./lib/build.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  console.log("Installing Chromium for the browser tests (apt-get install -y chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; install Chromium by hand and run npm test again.`);
      process.exit(1);
    }
  }
}

ensureChromium();
ensureBuilt();
const vitest = spawnSync(`${root}/node_modules/.bin/vitest`, ["run", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(vitest.status ?? 1);
