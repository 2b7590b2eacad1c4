// CLI: lint scenario files. `npx tsx scripts/scenarios-lint.ts [FILE...]`; with no files it
// lints every scenarios/*.json except the generated schema. Files are linted together, so a
// translation given with its original is checked against it. Exit 1 if any error.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatFinding, hasErrors, lintScenarioSet, type Finding } from "../lib/scenario/lint";

const SCENARIO_DIR = "scenarios";
const SCHEMA_FILE = "scenario.schema.json";

function bundledScenarioFiles(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(SCENARIO_DIR);
  } catch {
    return [];
  }
  return entries
    .filter((name) => name.endsWith(".json") && name !== SCHEMA_FILE)
    .sort()
    .map((name) => path.join(SCENARIO_DIR, name));
}

/** Lints the readable files together; an unreadable one gets a finding of its own. */
function lintFiles(files: string[]): Finding[][] {
  const texts = files.map((file): { text: string } | { unreadable: Finding } => {
    try {
      return { text: readFileSync(file, "utf8") };
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
      return { unreadable: { severity: "error", code: "SYNTAX", pointer: "", message: `cannot read the file (${reason}); check the path` } };
    }
  });
  const readable = files.flatMap((name, i) => {
    const entry = texts[i];
    return "text" in entry ? [{ name, text: entry.text }] : [];
  });
  const results = new Map(lintScenarioSet(readable).map((r) => [r.name, r.findings]));
  return files.map((file, i) => {
    const entry = texts[i];
    return "unreadable" in entry ? [entry.unreadable] : (results.get(file) ?? []);
  });
}

function main(argv: string[]): number {
  const files = argv.length > 0 ? argv : bundledScenarioFiles();
  if (files.length === 0) {
    process.stderr.write(`scenarios:lint: no scenario files given and none found in ${SCENARIO_DIR}/\n`);
    return 1;
  }
  let errors = 0;
  let warnings = 0;
  const all = lintFiles(files);
  for (const [i, file] of files.entries()) {
    const findings = all[i];
    for (const finding of findings) process.stdout.write(formatFinding(file, finding) + "\n");
    errors += findings.filter((f) => f.severity === "error").length;
    warnings += findings.length - findings.filter((f) => f.severity === "error").length;
    if (hasErrors(findings)) process.exitCode = 1;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  process.stderr.write(
    `scenarios:lint: ${plural(files.length, "file")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}\n`,
  );
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
