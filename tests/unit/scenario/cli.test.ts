// The linter CLI as authors and CI run it: output lines, summary and exit code.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_DIR, ROOT } from "./helpers";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const SCRIPT = path.join(ROOT, "scripts/scenarios-lint.ts");
const tempDirs: string[] = [];

function lintCli(args: string[], cwd = ROOT) {
  const run = spawnSync(TSX, [SCRIPT, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("scripts/scenarios-lint.ts", { timeout: 60_000 }, () => {
  it("prints one `FILE: severity CODE POINTER: message` line per finding and exits 1 on errors", () => {
    const files = ["tests/fixtures/scenarios/many-problems.json", "tests/fixtures/scenarios/valid-minimal.json"];
    const { status, stdout, stderr } = lintCli(files);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    const LINE = /^(.+?): (error|warning) ([A-Z_]+) (\S*): (.+)$/;
    expect(lines.map((line) => LINE.exec(line)?.slice(1, 5).join("|"))).toEqual([
      "tests/fixtures/scenarios/many-problems.json|error|SCHEMA|/nodes/0/nxt",
      "tests/fixtures/scenarios/many-problems.json|error|DANGLING_REF|/nodes/1/options/0/next",
      "tests/fixtures/scenarios/many-problems.json|error|TYPE_MISMATCH|/nodes/4/cases/0/when/all/1/value",
      "tests/fixtures/scenarios/many-problems.json|warning|UNUSED|/variables/escalated",
    ]);
    expect(lines[1]).toContain('leads to node "scoep", which does not exist; did you mean "scope"?');
    expect(stderr.trim()).toBe("scenarios:lint: 2 files, 3 errors, 1 warning");
  });

  it("exits 0 when there are only warnings", () => {
    const { status, stdout } = lintCli([path.join(FIXTURE_DIR, "unused.json")]);
    expect(status).toBe(0);
    expect(stdout).toContain("warning UNUSED /variables/escalated: ");
  });

  it("checks a translation against its original when both are given", () => {
    const translation = "tests/fixtures/scenarios/translation-mismatch.json";
    const alone = lintCli([translation]);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toBe("");
    const { status, stdout } = lintCli(["tests/fixtures/scenarios/valid-minimal.json", translation]);
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /^tests\/fixtures\/scenarios\/translation-mismatch\.json: error TRANSLATION_MISMATCH \/nodes\/2\/options\/0\/score\/DE: differs from its original "valid-minimal"/,
    );
  });

  it("reports a file that cannot be read as an error", () => {
    const { status, stdout } = lintCli(["does-not-exist.json"]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^does-not-exist\.json: error SYNTAX : cannot read the file/);
  });

  it("lints every scenarios/*.json except the schema when given no files", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "readyroom-lint-"));
    tempDirs.push(dir);
    mkdirSync(path.join(dir, "scenarios"));
    copyFileSync(path.join(FIXTURE_DIR, "valid-minimal.json"), path.join(dir, "scenarios/a.json"));
    copyFileSync(path.join(FIXTURE_DIR, "empty-text.json"), path.join(dir, "scenarios/b.json"));
    writeFileSync(path.join(dir, "scenarios/scenario.schema.json"), "{}");
    const { status, stdout, stderr } = lintCli([], dir);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(
      `${path.join("scenarios", "b.json")}: warning EMPTY_TEXT /nodes/6/debrief: end "failure" has an empty debrief; explain what went well and what to improve`,
    );
    expect(stderr.trim()).toBe("scenarios:lint: 2 files, 0 errors, 1 warning");
  });

  it("fails when there is nothing to lint", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "readyroom-lint-"));
    tempDirs.push(dir);
    const { status, stderr } = lintCli([], dir);
    expect(status).toBe(1);
    expect(stderr).toContain("no scenario files");
  });
});
