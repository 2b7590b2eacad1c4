// The order test files start in: longest first, from a committed list of each file's duration
// (tests/setup/durations.json, `npm run -s test:durations` refreshes it from the last full run).
//
// vitest's own order needs its cache of the last run, which a fresh clone (CI) does not have;
// without it, files run largest first by bytes, which put the 45-60 s files (the CLI, server
// startup, the audit chain) last and left one core idle while they finished. Longest first, a
// pool of workers ends within about one short file of each other.
// Groups (sequence.groupOrder) and projects keep their order: a worker runs a project's files
// one after another in one process, and changing project means a new process.
// A file that failed in the last local run goes first, then files the list does not know (new
// files, which may be long), then the rest by duration.
import fs from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const DURATIONS_FILE = path.join(import.meta.dirname, "durations.json");

/** "project:path from the root" → seconds. */
function committedDurations(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = committedDurations();
    const root = this.ctx.config.root;
    const keyOf = (spec: TestSpecification) => `${spec.project.name}:${path.relative(root, spec.moduleId)}`;
    const failed = (spec: TestSpecification) => (this.ctx.cache.getFileTestResults(keyOf(spec))?.failed ? 1 : 0);
    const seconds = (spec: TestSpecification) => known[keyOf(spec)] ?? Number.POSITIVE_INFINITY;
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        (a.project.name === b.project.name ? 0 : a.project.name < b.project.name ? -1 : 1) ||
        failed(b) - failed(a) ||
        seconds(b) - seconds(a) ||
        (keyOf(a) < keyOf(b) ? -1 : 1),
    );
  }
}
