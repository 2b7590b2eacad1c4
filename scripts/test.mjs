#!/usr/bin/env node
// `npm test`: the whole suite (unit, integration, browser end-to-end). Installs Debian's
// Chromium and poppler-utils when they are missing and we are root, checks with knip (knip.ts)
// that no file, export or dependency is unused, builds the app when sources changed, then runs
// vitest over every project. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ensureBuilt, root } from "./lib/build.mjs";

/** Chromium's headless shell: the browser tests prefer it to the full browser, which costs more CPU. */
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const browserPresent = () =>
  process.env.CHROMIUM_PATH ? fs.existsSync(process.env.CHROMIUM_PATH) : fs.existsSync(HEADLESS_SHELL) || (process.getuid?.() !== 0 && fs.existsSync("/usr/bin/chromium"));

/** Debian packages the tests run: Chromium's headless shell for the browser tests, poppler-utils to render PDF exports. */
const NEEDED = [
  { what: "Chromium's headless shell", pkg: "chromium-headless-shell", present: browserPresent, hint: "or set CHROMIUM_PATH to a Chromium" },
  { what: "pdftoppm (poppler-utils)", pkg: "poppler-utils", present: () => spawnSync("pdftoppm", ["-v"]).error === undefined, hint: "the PDF export tests render pages with it" },
];

function ensureSystemPackages() {
  const missing = NEEDED.filter((n) => !n.present());
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    for (const n of missing) console.error(`${n.what} is missing. Install it with: sudo apt-get install -y ${n.pkg} (${n.hint}).`);
    process.exit(1);
  }
  const pkgs = missing.map((n) => n.pkg);
  console.log(`Installing ${missing.map((n) => n.what).join(" and ")} for the tests (apt-get install -y ${pkgs.join(" ")})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...pkgs]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; install ${pkgs.join(" ")} by hand and run npm test again.`);
      process.exit(1);
    }
  }
}

/** Unused files, exports and dependencies fail the run before anything slow starts. */
function checkUnused() {
  const knip = spawnSync(`${root}/node_modules/.bin/knip`, ["--no-progress"], { cwd: root, stdio: "inherit" });
  if (knip.status === 0) return;
  console.error(
    "\nknip found unused code or dependencies (listed above). Delete what nothing uses, or import it where it is needed;" +
      " if something is used in a way knip cannot see (a file read by path, a worker entry), say so in knip.ts. Then run npm test again.",
  );
  process.exit(knip.status ?? 1);
}

ensureSystemPackages();
checkUnused();
ensureBuilt();
const vitest = spawnSync(`${root}/node_modules/.bin/vitest`, ["run", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(vitest.status ?? 1);
