// Shared helpers for the scenario unit tests: fixture loading and bundled-scenario discovery.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const FIXTURE_DIR = path.join(ROOT, "tests/fixtures/scenarios");
export const SCENARIO_DIR = path.join(ROOT, "scenarios");

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), "utf8");
}

/** A deep copy of the reference scenario, for tests that change one thing in it. */
export function minimalScenario(): Record<string, any> {
  return JSON.parse(readFixture("valid-minimal.json"));
}

/** Every bundled scenario file (scenarios/*.json except the generated schema). */
export function bundledScenarioFiles(): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(SCENARIO_DIR);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json") && name !== "scenario.schema.json")
    .sort()
    .map((name) => path.join(SCENARIO_DIR, name));
}

/** Small deterministic PRNG (mulberry32) so random walks are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
