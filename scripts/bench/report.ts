// Judges a live-session benchmark result (correctness, and the targets of issue 7) and
// prints it as a table for people; the JSON output carries the same figures in full.
import type { BenchResult, ConnectFigures, FanoutRound, TargetCheck } from "./live-types";
import type { Distribution } from "./stats";

/** A worker whose event loop lags more than this at p99 was itself a limit. */
export const GENERATOR_LAG_LIMIT_MS = 50;
/** A 1-minute load average above this before the run means something else was using the CPUs. */
const BUSY_LOAD = 0.5;

/** The targets on a 2-core machine, from issue 7. */
export const TARGETS = {
  mustHoldParticipants: 2000,
  targetParticipants: 5000,
  fanoutP99Ratio: 1.3,
  votesPerSecond: 2000,
  ingestRatio: 0.5,
  bytesPerParticipant: 20 * 1024,
  /** Issue 17: a vote reaches the console's tally within this (p95), with a console and a present screen watching. */
  voteToTallyP95Ms: 300,
} as const;

/** Below this many participants, RSS differences are within the noise of the heap's own sizing. */
export const MEMORY_MIN_PARTICIPANTS = 1000;

/** Everything that makes a run wrong rather than slow. */
export function correctnessProblems(r: BenchResult): string[] {
  const problems: string[] = [];
  if (r.aborted) problems.push(`the run stopped early: ${r.aborted}`);
  const app = r.connect.app;
  if (app) {
    const failed = app.expected - app.joined;
    if (failed > 0) problems.push(`${failed} of ${app.expected} participants did not join (${describeCodes(app.failures)})`);
    if (app.dropped > 0) problems.push(`${app.dropped} participants lost their connection during the run`);
  }
  const rounds: Array<[string, FanoutRound]> = [
    ...(r.fanout.start ? [["app start", r.fanout.start] as [string, FanoutRound]] : []),
    ...(r.fanout.app?.rounds ?? []).map((x) => ["app", x] as [string, FanoutRound]),
    ...(r.fanout.baseline?.rounds ?? []).map((x) => ["bare socket.io", x] as [string, FanoutRound]),
  ];
  for (const [where, round] of rounds) {
    if (round.delivered !== round.expected) problems.push(`${where}: team:state for "${round.nodeId}" reached ${round.delivered} of ${round.expected} participants`);
  }
  const warm = r.ingest.warmup;
  if (warm && warm.acked !== warm.submitted) problems.push(`warm-up votes: ${warm.submitted - warm.acked} of ${warm.submitted} not acknowledged (${describeCodes(warm.errors)})`);
  const echo = r.ingest.transport;
  if (echo && echo.acked !== echo.submitted) problems.push(`bare socket.io votes: ${echo.submitted - echo.acked} of ${echo.submitted} not acknowledged (${describeCodes(echo.errors)})`);
  for (const round of r.ingest.rounds) {
    if (round.acked !== round.submitted) problems.push(`votes round ${round.round + 1}: ${round.submitted - round.acked} of ${round.submitted} not acknowledged (${describeCodes(round.errors)})`);
  }
  const db = r.ingest.database;
  if (db) {
    if (db.lost > 0) problems.push(`${db.lost} acknowledged votes are missing from the database or hold another option`);
    if (db.duplicated > 0) problems.push(`${db.duplicated} votes were stored more than once`);
  }
  return problems;
}

function describeCodes(codes: Record<string, number>): string {
  const parts = Object.entries(codes).map(([c, n]) => `${c} ×${n}`);
  return parts.length ? parts.join(", ") : "no error reported";
}

export function evaluateTargets(r: BenchResult): TargetCheck[] {
  const n = r.meta.options.participants;
  const held = r.problems.length === 0 && r.connect.app !== null && r.ingest.database !== null;
  const hold = (threshold: number, label: string): TargetCheck => ({
    measure: `participants in one session (${label})`,
    target: `${threshold.toLocaleString("en")} hold`,
    value: n >= threshold ? `${n.toLocaleString("en")} ${held ? "held" : "did not hold"}` : `run had ${n.toLocaleString("en")}`,
    status: n < threshold ? "n/a" : held ? "PASS" : "MISS",
  });
  const targets: TargetCheck[] = [hold(TARGETS.mustHoldParticipants, "must"), hold(TARGETS.targetParticipants, "target")];

  const ratio = r.fanout.p99Ratio;
  targets.push({
    measure: "fan-out p99 vs bare socket.io",
    target: `≤ ${TARGETS.fanoutP99Ratio}×`,
    value: ratio === null ? "not measured" : `${fmt(ratio, 2)}× (${ms(r.fanout.app!.latencyMs.p99)} vs ${ms(r.fanout.baseline!.latencyMs.p99)})`,
    status: ratio === null ? "n/a" : ratio <= TARGETS.fanoutP99Ratio ? "PASS" : "MISS",
  });

  const ingest = r.ingest.rounds[0];
  const tally = r.watchers?.voteToTallyMs ?? null;
  targets.push({
    measure: "vote → console tally p95",
    target: `≤ ${TARGETS.voteToTallyP95Ms} ms`,
    value: tally ? `${ms(tally.p95)} (p50 ${ms(tally.p50)}, ${r.watchers.count} watchers)` : "not measured",
    status: tally ? (tally.p95 <= TARGETS.voteToTallyP95Ms ? "PASS" : "MISS") : "n/a",
  });
  targets.push({
    measure: "vote ingest (ack after commit)",
    target: `≥ ${TARGETS.votesPerSecond.toLocaleString("en")} votes/s`,
    value: ingest ? `${fmt(ingest.votesPerSecond, 0)} votes/s` : "not measured",
    status: !ingest ? "n/a" : ingest.votesPerSecond >= TARGETS.votesPerSecond ? "PASS" : "MISS",
  });
  targets.push({
    measure: "vote ingest vs raw pg batched inserts",
    target: `≥ ${TARGETS.ingestRatio}×`,
    value: r.ingest.ratio === null ? "not measured" : `${fmt(r.ingest.ratio, 3)}× (raw ${fmt(r.ingest.raw!.votesPerSecond, 0)} votes/s, same rows)`,
    status: r.ingest.ratio === null ? "n/a" : r.ingest.ratio >= TARGETS.ingestRatio ? "PASS" : "MISS",
  });
  const db = r.ingest.database;
  targets.push({
    measure: "votes lost / duplicated",
    target: "0 / 0",
    value: db ? `${db.lost} / ${db.duplicated}` : "not checked",
    status: !db ? "n/a" : db.lost === 0 && db.duplicated === 0 ? "PASS" : "MISS",
  });
  const perParticipant = r.memory?.perParticipantBytes;
  const measured = perParticipant !== undefined && !Number.isNaN(perParticipant);
  targets.push({
    measure: "server RSS per participant",
    target: `≤ ${TARGETS.bytesPerParticipant / 1024} KB`,
    value: !measured ? "not measured" : `${kb(perParticipant)}${n < MEMORY_MIN_PARTICIPANTS ? ` (noise below ${MEMORY_MIN_PARTICIPANTS.toLocaleString("en")} participants)` : ""}`,
    status: !measured || n < MEMORY_MIN_PARTICIPANTS ? "n/a" : perParticipant <= TARGETS.bytesPerParticipant ? "PASS" : "MISS",
  });
  return targets;
}

// ---------------------------------------------------------------- formatting

function fmt(value: number, digits = 1): string {
  if (value === undefined || value === null || Number.isNaN(value)) return "—";
  return value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ms(value: number): string {
  return Number.isNaN(value) ? "—" : `${fmt(value, value < 10 ? 2 : 1)} ms`;
}

function kb(bytes: number): string {
  return `${fmt(bytes / 1024, 1)} KB`;
}

function mb(bytes: number): string {
  return `${fmt(bytes / 2 ** 20, 1)} MB`;
}

function table(rows: string[][], indent = "  "): string {
  // A run that stopped before a phase has no rows for it.
  if (!rows.length) return `${indent}—`;
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("   ").trimEnd()).join("\n");
}

function connectRows(label: string, f: ConnectFigures | null, joinLabel: boolean): string[][] {
  if (!f) return [[label, "not measured"]];
  const failed = Object.values(f.failures).reduce((a, b) => a + b, 0);
  return [
    [label, `${f.joined}/${f.expected} ${joinLabel ? "joined" : "connected"}, ${failed} failures${failed ? ` (${describeCodes(f.failures)})` : ""}, ${fmt(f.wallMs / 1000, 1)} s wall`],
    ["  handshake p50 / p99", `${ms(f.connectMs.p50)} / ${ms(f.connectMs.p99)}`],
    ...(joinLabel ? [["  participant:join ack p50 / p99", `${ms(f.joinMs.p50)} / ${ms(f.joinMs.p99)}`]] : []),
  ];
}

function dist(d: Distribution | undefined): string[] {
  return d ? [ms(d.p50), ms(d.p95), ms(d.p99), ms(d.max)] : ["—", "—", "—", "—"];
}

export function formatReport(r: BenchResult): string {
  const o = r.meta.options;
  const out: string[] = [];
  const commit = r.meta.commit ? `commit ${r.meta.commit.slice(0, 10)}${r.meta.dirty ? " + uncommitted changes" : ""}` : "commit unknown";
  out.push(
    `Readyroom live-session benchmark: ${o.participants.toLocaleString("en")} participants in ${o.teams} team(s), ${r.meta.database} database, ${o.workers} client workers`,
    `${commit} · node ${r.meta.node} · ${r.meta.cpus} × ${r.meta.cpuModel} · ${r.meta.memoryGiB} GiB · ${r.meta.startedAt}`,
    `load average ${fmt(r.meta.loadAverage.start, 2)} before, ${fmt(r.meta.loadAverage.end, 2)} after${r.meta.loadAverage.start > BUSY_LOAD ? ": the machine was busy with other work, so the timings are pessimistic" : ""}`,
    `${o.watchers === 0 ? "no console watching" : `${o.watchers} watcher(s): the facilitator's console${o.watchers > 1 ? ` and ${o.watchers - 1} present screen(s) or consoles` : ""}`} · ${o.connectConcurrency} clients connecting at a time${o.revote ? " · every participant changes its vote once" : ""}`,
    "",
  );

  out.push("Connect", table([...connectRows("app", r.connect.app, true), ...connectRows("bare socket.io", r.connect.baseline, false)]), "");

  const a = r.fanout.app;
  const b = r.fanout.baseline;
  const pooled = a ? a.rounds.length - 1 : 0;
  out.push(`Fan-out: facilitator's advance → each participant's team:state (payload ${a ? a.payloadBytes.toLocaleString("en") : "?"} B; app and bare rounds alternate; ${pooled} rounds each pooled after 1 warm-up round)`);
  out.push(
    table([
      ["", "p50", "p95", "p99", "max", "delivered"],
      ["app", ...dist(a?.latencyMs), a ? `${a.delivered}/${a.expected}` : "—"],
      ["bare socket.io", ...dist(b?.latencyMs), b ? `${b.delivered}/${b.expected}` : "—"],
      ["app start (lobby → first inject)", ...dist(r.fanout.start?.latencyMs), r.fanout.start ? `${r.fanout.start.delivered}/${r.fanout.start.expected}` : "—"],
      ["ratio app / bare", "", "", r.fanout.p99Ratio === null ? "—" : `${fmt(r.fanout.p99Ratio, 2)}×`, "", ""],
      ["app: advance acked (commit done)", ...dist(a?.commandAckMs ?? undefined), ""],
    ]),
    "",
  );

  out.push("Vote ingest (acknowledged after commit)");
  const ingestRows: string[][] = [["", "submitted", "acked", "votes/s", "ack p50", "ack p99", "wall"]];
  const warm = r.ingest.warmup;
  if (warm) ingestRows.push(["app: warm-up, 5% of participants vote (not counted)", String(warm.submitted), String(warm.acked), fmt(warm.votesPerSecond, 0), ms(warm.ackMs.p50), ms(warm.ackMs.p99), `${fmt(warm.wallMs / 1000, 2)} s`]);
  for (const round of r.ingest.rounds) {
    ingestRows.push([round.round === 0 ? (warm ? "app: the other 95% vote at once" : "app: every participant votes") : "app: every participant changes it", String(round.submitted), String(round.acked), fmt(round.votesPerSecond, 0), ms(round.ackMs.p50), ms(round.ackMs.p99), `${fmt(round.wallMs / 1000, 2)} s`]);
  }
  const raw = r.ingest.raw;
  const echo = r.ingest.transport;
  if (echo) ingestRows.push(["bare socket.io, ack only (no database)", String(echo.submitted), String(echo.acked), fmt(echo.votesPerSecond, 0), ms(echo.ackMs.p50), ms(echo.ackMs.p99), `${fmt(echo.wallMs / 1000, 2)} s`]);
  for (const baseline of [raw, r.ingest.rawVoteRows]) {
    if (!baseline) continue;
    const label = baseline.shape === "same-rows" ? `raw pg, same 3 rows per vote, ${baseline.batchSize} votes per tx` : `raw pg, vote rows only, ${baseline.batchSize} per INSERT`;
    ingestRows.push([label, String(baseline.votes), String(baseline.votes), fmt(baseline.votesPerSecond, 0), "", "", `${fmt(baseline.wallMs / 1000, 2)} s`]);
  }
  out.push(table(ingestRows));
  if (r.ingest.ratio !== null) out.push(`  ratio app / raw pg (same rows, the target's baseline): ${fmt(r.ingest.ratio, 3)}×`);
  if (r.ingest.ratioVoteRows !== null) out.push(`  ratio app / raw pg (vote rows only): ${fmt(r.ingest.ratioVoteRows, 3)}×`);
  if (echo && r.ingest.rounds[0]) out.push(`  ratio app / bare socket.io acks (the transport alone): ${fmt(r.ingest.rounds[0].votesPerSecond / echo.votesPerSecond, 3)}×`);
  if (raw) out.push(`  raw pg figures are the median of ${raw.runs.length} runs of each (${raw.runs.map((t) => fmt(t, 0)).join(", ")} ms for the same rows)`);
  const db = r.ingest.database;
  if (db) {
    out.push(
      `  database: ${db.voteRows} vote rows for ${db.participantsWithRow} participants; ${db.voteEvents} vote.cast events and ${db.idempotencyRecords} idempotency records for ${db.acked} acks of ${db.submitted} submitted; lost ${db.lost}, duplicated ${db.duplicated}`,
    );
  }
  out.push("");

  const c = r.console;
  if (c && c.pushes) {
    out.push(
      "Facilitator console (console:state over the whole run)",
      `  ${c.pushes} pushes: ${c.wholeRosters} with the whole roster, ${c.changeLists} with roster changes only; ${kb(c.bytes)} sent, against about ${kb(c.bytesIfWhole)} had every push carried the whole roster (up to ${c.largestRoster.toLocaleString("en")} people)`,
      `  ${r.watchers.count} watcher(s); ${r.watchers.resyncs} console:watch calls to resynchronise a roster; vote ack → console tally ${r.watchers.voteToTallyMs ? `p50 ${ms(r.watchers.voteToTallyMs.p50)}, p95 ${ms(r.watchers.voteToTallyMs.p95)}, max ${ms(r.watchers.voteToTallyMs.max)}` : "not measured"}${r.watchers.votesNeverShown ? `; ${r.watchers.votesNeverShown} votes never shown` : ""}${r.watchers.voteToBuildMs ? `; by whole builds alone (console:state) p50 ${ms(r.watchers.voteToBuildMs.p50)}, p95 ${ms(r.watchers.voteToBuildMs.p95)}, p99 ${ms(r.watchers.voteToBuildMs.p99)}` : ""}`,
      "",
    );
  }

  const m = r.memory;
  if (m) {
    out.push(
      "Memory (VmRSS of the server process)",
      `  app: ${mb(m.idleRssBytes)} idle → ${mb(m.joinedRssBytes)} with everyone joined = ${kb(m.perParticipantBytes)} per participant (V8 heap ${kb(m.heapPerParticipantBytes)}, external ${kb(m.externalPerParticipantBytes)}${m.embeddedDatabasePerParticipantBytes === null || m.embeddedDatabasePerParticipantBytes === undefined ? "" : `, embedded database's pages ${kb(m.embeddedDatabasePerParticipantBytes)}, the rest ${kb(m.perParticipantBytes - m.embeddedDatabasePerParticipantBytes)}`})`,
      `  bare socket.io: ${mb(m.baselineIdleRssBytes)} → ${mb(m.baselineJoinedRssBytes)} = ${kb(m.baselinePerClientBytes)} per client`,
      "",
    );
  }

  out.push("Where the time went (CPU time of each server per phase; busy 100% = one core)");
  const cpu = (ms: number | null, wallMs: number) => (ms === null ? "—" : `${fmt(ms / 1000, 2)} s (${fmt((100 * ms) / wallMs, 0)}%)`);
  out.push(table([["phase", "wall", "app server", "bare socket.io server"], ...r.cpu.map((c) => [c.phase, `${fmt(c.wallMs / 1000, 2)} s`, cpu(c.appCpuMs, c.wallMs), cpu(c.baselineCpuMs, c.wallMs)])]), "");

  for (const p of r.profiles) {
    const shown = p.areas.slice(0, 8).map((x) => `${x.area} ${fmt(100 * x.share, 0)}%`);
    out.push(`  ${p.phase} profile (${p.file}): ${shown.join(", ")}`);
  }
  if (r.profiles.length) out.push("");

  out.push(`Load generator (event-loop delay per worker: p99 / max; CPU; limit ${GENERATOR_LAG_LIMIT_MS} ms at p99)`);
  out.push(table(r.generator.lag.map((l) => [l.phase, ...l.workers.map((w, i) => `w${i}: ${ms(w.p99)} / ${ms(w.max)}, ${fmt(w.cpuMs / 1000, 1)} s CPU`)])));
  if (r.generator.limitedIn.length) {
    for (const l of r.generator.limitedIn) {
      const whose = l.target === "app" ? "the app's figures" : l.target === "baseline" ? "the baseline's figures" : "the figures of both servers";
      out.push(`  ! the load generator was a limit during "${l.phase}": worker ${l.worker} lagged ${ms(l.p99)} at p99; ${whose} in that phase include generator delay`);
    }
  } else {
    out.push("  the load generator kept up in every phase: the figures are the servers'");
  }
  out.push("");

  out.push("Targets (issue 7, 2-core machine)");
  out.push(table([["measure", "target", "measured", "status"], ...r.targets.map((t) => [t.measure, t.target, t.value, t.status])]));
  out.push("");
  if (r.problems.length) out.push("Correctness: FAILED", ...r.problems.map((p) => `  - ${p}`));
  else out.push("Correctness: every participant joined and got every team:state; every vote acked and stored once.");
  return out.join("\n");
}
