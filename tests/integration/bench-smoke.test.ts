// The live-session benchmark as a smoke test: `npm run bench:live` with 50 participants
// on the embedded database and two client workers must be correct — everyone joins,
// every team:state reaches everyone, every vote is stored exactly once. Timing is the
// benchmark's business, not the test's: nothing here depends on how fast the machine is.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/app";
import type { BenchResult } from "../../scripts/bench/run";

const PARTICIPANTS = 50;

function runBenchmark(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "scripts/bench-live.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    proc.stdout.on("data", (d) => (output += d));
    proc.stderr.on("data", (d) => (output += d));
    proc.on("exit", (code) => resolve({ code, output }));
  });
}

describe("bench:live smoke", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-bench-smoke-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("50 participants on the embedded database: all join, every team:state delivered, no vote lost or doubled", { timeout: 240_000 }, async () => {
    const json = path.join(dir, "result.json");
    const { code, output } = await runBenchmark(["--participants", String(PARTICIPANTS), "--workers", "2", "--database", "embedded", "--revote", "--no-build", "--json", json]);
    expect(fs.existsSync(json), output).toBe(true);
    const result = JSON.parse(fs.readFileSync(json, "utf8")) as BenchResult;

    expect(result.problems, output).toEqual([]);
    expect(code, output).toBe(0);
    expect(result.connect.app).toMatchObject({ expected: PARTICIPANTS, joined: PARTICIPANTS, dropped: 0 });
    // The default watchers (a console and a present screen) saw every vote in the console's tally.
    expect(result.watchers).toMatchObject({ count: 2, votesNeverShown: 0 });
    expect(result.watchers.voteToTallyMs?.count).toBe(PARTICIPANTS);

    const app = result.fanout.app!;
    expect(app.rounds.length).toBeGreaterThan(1);
    for (const round of [result.fanout.start!, ...app.rounds]) expect({ node: round.nodeId, delivered: round.delivered }).toEqual({ node: round.nodeId, delivered: PARTICIPANTS });
    expect(app.delivered).toBe(app.expected);
    expect(result.fanout.baseline!.delivered).toBe(result.fanout.baseline!.expected);

    // Each participant voted (a few in the warm-up, the rest in the measured burst), then
    // changed its vote: one row each, holding the second choice.
    const warm = result.ingest.warmup!;
    expect(warm.submitted).toBeGreaterThan(0);
    expect(result.ingest.rounds.map((r) => [r.submitted, r.acked])).toEqual([
      [PARTICIPANTS - warm.submitted, PARTICIPANTS - warm.submitted],
      [PARTICIPANTS, PARTICIPANTS],
    ]);
    expect(warm.acked).toBe(warm.submitted);
    // The bare server acked the same number of votes (the transport's ceiling).
    expect(result.ingest.transport).toMatchObject({ submitted: PARTICIPANTS, acked: PARTICIPANTS });
    expect(result.ingest.database).toMatchObject({
      voteRows: PARTICIPANTS,
      participantsWithRow: PARTICIPANTS,
      voteEvents: 2 * PARTICIPANTS,
      idempotencyRecords: 2 * PARTICIPANTS,
      lost: 0,
      duplicated: 0,
    });
    expect(result.ingest.raw?.votes).toBe(PARTICIPANTS);
    expect(result.ingest.rawVoteRows?.votes).toBe(PARTICIPANTS);

    // The printed report carries the ratios and the targets.
    expect(output).toMatch(/ratio app \/ bare/);
    expect(output).toMatch(/fan-out p99 vs bare socket\.io/);
  });
});
