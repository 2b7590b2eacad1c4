#!/usr/bin/env node
// `npm test`: the whole suite (unit, integration, browser end-to-end). Installs Debian's
// Chromium and poppler-utils when they are missing and we are root, checks with knip (knip.ts)
// that no file, export or dependency is unused, builds the app when sources changed, then runs
// vitest over every project. When it builds, the unit tests (which need no build) run beside
// `next build`, whose type check leaves a core free, and the other projects after it. Extra
// arguments go to vitest (and then everything runs after the build, in one vitest run).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildAlongside, ensureBuilt, isBuildCurrent, root } from "./lib/build.mjs";

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

const VITEST = `${root}/node_modules/.bin/vitest`;

/** `vitest run` with `args`, its output kept until it ends (so it does not interleave with the build's); resolves with its exit status. */
function vitestQuietly(args) {
  return new Promise((resolve) => {
    const child = spawn(VITEST, ["run", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0" } });
    const out = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => out.push(d));
    child.on("error", (e) => resolve({ status: 1, output: String(e) }));
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(out).toString() }));
  });
}

ensureSystemPackages();
checkUnused();
const extra = process.argv.slice(2);
if (extra.length || isBuildCurrent()) {
  ensureBuilt();
  process.exit(spawnSync(VITEST, ["run", ...extra], { cwd: root, stdio: "inherit" }).status ?? 1);
}
const unit = await buildAlongside(() => vitestQuietly(["--project", "unit"]));
process.stdout.write(unit.output);
const rest = spawnSync(VITEST, ["run", "--project", "!unit"], { cwd: root, stdio: "inherit" }).status ?? 1;
process.exit(unit.status || rest);
