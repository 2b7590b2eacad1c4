#!/usr/bin/env node
// `npm run -s test:durations`: refreshes tests/setup/durations.json, the order the test files
// start in (tests/setup/sequencer.ts: longest first), from vitest's record of the last run on
// this machine (node_modules/.vite/vitest/*/results.json). Run it after a full `npm test`
// when files were added or got much longer or shorter; files that no longer exist are dropped,
// files the last run did not include keep their old figure.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = path.join(root, "tests", "setup", "durations.json");
const cacheRoot = path.join(root, "node_modules", ".vite", "vitest");

const caches = fs.existsSync(cacheRoot)
  ? fs.readdirSync(cacheRoot).map((d) => path.join(cacheRoot, d, "results.json")).filter((f) => fs.existsSync(f))
  : [];
if (!caches.length) {
  console.error(`No vitest results in ${path.relative(root, cacheRoot)}: run npm test first.`);
  process.exit(1);
}
const newest = caches.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
const { results } = JSON.parse(fs.readFileSync(newest, "utf8"));

const old = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, "utf8")) : {};
const merged = { ...old };
let updated = 0;
for (const [key, { duration, failed }] of results) {
  if (failed || !(duration > 0)) continue; // a failed file stopped early: its time says nothing
  merged[key] = Math.round(duration / 100) / 10;
  updated++;
}
const exists = (key) => fs.existsSync(path.join(root, key.slice(key.indexOf(":") + 1)));
const kept = Object.fromEntries(Object.entries(merged).filter(([key]) => exists(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
fs.writeFileSync(target, `${JSON.stringify(kept, null, 2)}\n`);
console.log(`${path.relative(root, target)}: ${updated} files from the last run, ${Object.keys(kept).length} in all.`);
