import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import LongestFirst from "./tests/setup/sequencer";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Files that measure time or load the machine, or that run several servers of their own:
 * they run one at a time, after the parallel groups, so neither disturbs the other.
 */
const SERIAL = [
  "tests/integration/bench-smoke.test.ts",
  "tests/integration/cluster/**/*.test.ts",
  "tests/integration/db/crash-safety.test.ts",
];

/**
 * Files that run the server as `npm start` does share one per project (sharedApp(), started by
 * tests/setup/shared-app.ts); the others start their own on a free port with their own data
 * dir (startApp()), so files overlap safely.
 * Integration and browser files share one group (and so one pool of this many workers), which
 * keeps both cores busy until the last file instead of idling at the end of each project.
 */
const WORKERS = Number(process.env.TEST_WORKERS) || 3;

/*
 * Unit, integration and browser files run without per-file isolation: a worker imports the app's
 * modules once and runs file after file, instead of a new process re-importing them for each
 * file (measured 5 December: unit 59 s -> 25 s, integration 407 s -> 317 s). So a test file
 * must leave what it changes in the process as it found it: process.env, globals, timers.
 * The serial files keep their own process each.
 */

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // Longest files first (committed durations), so the pool's workers finish together.
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        // The shared test servers boot while these run (tests/setup/shared-app.ts): a few CPU-heavy
        // checks (graph layout, play-testing every scenario) get the time a busy machine needs.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", isolate: false, testTimeout: 30_000, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: SERIAL,
          environment: "node",
          isolate: false,
          globalSetup: ["tests/setup/templates.ts", "tests/setup/shared-app.ts"],
          setupFiles: ["tests/setup/cleanup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          isolate: false,
          globalSetup: ["tests/setup/templates.ts", "tests/setup/shared-app.ts"],
          setupFiles: ["tests/setup/cleanup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "serial",
          include: SERIAL,
          environment: "node",
          globalSetup: ["tests/setup/templates.ts"],
          setupFiles: ["tests/setup/cleanup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
