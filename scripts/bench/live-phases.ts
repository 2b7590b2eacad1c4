// The measured phases of the live-session benchmark, shared by the app and the bare
// socket.io baseline: a phase records every worker's event-loop delay and each server's
// CPU time (and, when asked, a CPU profile of the app); connecting and joining; one
// fan-out round and the pooling of rounds; one round of votes.
import fs from "node:fs";
import path from "node:path";
import type { AwaitReply, ConnectReply, LagReply, Target, VoteReply } from "./protocol";
import { summarizeProfile, type Inspector } from "./inspector";
import { GENERATOR_LAG_LIMIT_MS } from "./report";
import { distribution, now } from "./stats";
import { countBy, cpuOf, type Worker } from "./live-processes";
import type { BenchOptions, BenchResult, ConnectFigures, FanoutFigures, FanoutRound, IngestRound, PhaseTarget, Sent } from "./live-types";

/** Rounds before this index warm the JIT and caches and are left out of the pooled figures. */
const WARMUP_ROUNDS = 1;

/** What the phases read of the run: its options, its result so far, the workers and the servers. */
export type PhaseContext = {
  opts: BenchOptions;
  result: BenchResult;
  workers: Worker[];
  /** The servers' process ids, when they run. */
  pids(): { app?: number; baseline?: number };
  /** The app's inspector, for CPU profiles. */
  inspector(): Inspector | undefined;
  /** A wait of at most `cap` ms that still fits the run's budget. */
  remaining(cap: number): number;
};

export type RoundSamples = { round: FanoutRound; samples: number[]; duplicates: number; payload: unknown };

export function livePhases(ctx: PhaseContext) {
  const { opts, result, workers } = ctx;

  /** Runs a phase with every worker's event-loop delay and the servers' CPU time recorded. */
  async function phase<T>(name: string, target: PhaseTarget, work: () => Promise<T>): Promise<T> {
    if (result.aborted) throw new Error(result.aborted);
    opts.log(`· ${name}`);
    await Promise.all(workers.map((w) => w.request({ type: "lag", action: "start" })));
    const profiling = opts.profileDir && target !== "baseline" ? ctx.inspector() : undefined;
    await profiling?.startProfile();
    const pids = ctx.pids();
    const cpu0 = { app: pids.app ? cpuOf(pids.app) : 0, baseline: pids.baseline ? cpuOf(pids.baseline) : 0 };
    const t0 = now();
    const value = await work();
    if (profiling) {
      const profile = await profiling.stopProfile();
      const file = path.join(opts.profileDir!, `server-${name.replace(/\W+/g, "-")}.cpuprofile`);
      fs.mkdirSync(opts.profileDir!, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      result.profiles.push({ phase: name, file, areas: summarizeProfile(profile) });
    }
    result.cpu.push({
      phase: name,
      wallMs: now() - t0,
      appCpuMs: pids.app ? cpuOf(pids.app) - cpu0.app : null,
      baselineCpuMs: pids.baseline ? cpuOf(pids.baseline) - cpu0.baseline : null,
    });
    const lag = await Promise.all(workers.map((w) => w.request<LagReply>({ type: "lag", action: "stop" })));
    result.generator.lag.push({ phase: name, target, workers: lag.map(({ p50, p99, max, cpuMs }) => ({ p50, p99, max, cpuMs })) });
    lag.forEach((l, i) => {
      if (l.p99 > GENERATOR_LAG_LIMIT_MS) result.generator.limitedIn.push({ phase: name, target, worker: i, p99: l.p99 });
    });
    return value;
  }

  /** Hands out participants round-robin: to teams, then to workers. */
  function teamsPerWorker(teamIds: string[]): string[][] {
    const out: string[][] = workers.map(() => []);
    for (let i = 0; i < opts.participants; i++) out[i % workers.length].push(teamIds[i % teamIds.length]);
    return out;
  }

  async function connectAll(target: Target, url: string, teamIds: string[], code?: string): Promise<{ figures: ConnectFigures; replies: ConnectReply[] }> {
    const shares = teamsPerWorker(teamIds);
    const t0 = now();
    const replies = await Promise.all(
      workers.map((w, i) =>
        w.request<ConnectReply>({ type: "connect", target, url, code, teams: shares[i], concurrency: Math.ceil(opts.connectConcurrency / workers.length), timeoutMs: ctx.remaining(30_000) }),
      ),
    );
    const failures = replies.flatMap((r) => r.failures.map((f) => `${f.stage}:${f.code}`));
    const figures: ConnectFigures = {
      expected: opts.participants,
      connected: replies.reduce((n, r) => n + r.connectMs.length, 0),
      joined: target === "app" ? replies.reduce((n, r) => n + r.participants.length, 0) : replies.reduce((n, r) => n + r.connectMs.length, 0),
      failures: countBy(failures),
      dropped: 0,
      connectMs: distribution(replies.flatMap((r) => r.connectMs)),
      joinMs: distribution(replies.flatMap((r) => r.joinMs)),
      wallMs: now() - t0,
    };
    return { figures, replies };
  }

  /**
   * One fan-out round: `trigger` makes the server send `nodeId` to every team and
   * returns when it sent each team's command; receipts are measured from those times.
   */
  async function fanoutRound(target: Target, nodeId: string, trigger: () => Promise<Sent>): Promise<RoundSamples> {
    const waiting = Promise.all(workers.map((w) => w.request<AwaitReply>({ type: "await", target, nodeId, timeoutMs: ctx.remaining(30_000) })));
    const sent = await trigger();
    const replies = await waiting;
    const samples: number[] = [];
    for (const r of replies) for (const [team, at] of r.receipts) samples.push(at - (sent.get(team)?.at ?? NaN));
    const acks = [...sent.values()].map((s) => s.ackMs).filter((a): a is number => a !== null);
    return {
      round: { nodeId, expected: opts.participants, delivered: samples.length, latencyMs: distribution(samples), commandAckMs: acks.length ? Math.max(...acks) : null },
      samples,
      duplicates: replies.reduce((n, r) => n + r.duplicates, 0),
      payload: replies.find((r) => r.sample)?.sample ?? null,
    };
  }

  return { phase, connectAll, fanoutRound };
}

/** Pools the fan-out rounds after the warm-up. */
export function poolRounds(rounds: RoundSamples[], payloadBytes: number): FanoutFigures {
  const measured = rounds.slice(WARMUP_ROUNDS);
  return {
    rounds: rounds.map((r) => r.round),
    latencyMs: distribution(measured.flatMap((r) => r.samples)),
    commandAckMs: measured.some((r) => r.round.commandAckMs !== null) ? distribution(measured.map((r) => r.round.commandAckMs ?? NaN)) : null,
    expected: measured.reduce((n, r) => n + r.round.expected, 0),
    delivered: measured.reduce((n, r) => n + r.round.delivered, 0),
    duplicates: rounds.reduce((n, r) => n + r.duplicates, 0),
    payloadBytes,
  };
}

/** Pools the workers' replies for one round of votes. */
export function ingestRound(round: number, replies: VoteReply[]): IngestRound {
  const firstSend = Math.min(...replies.map((r) => r.firstSendAt));
  const lastAck = Math.max(...replies.map((r) => r.lastAckAt));
  const acked = replies.reduce((n, r) => n + r.ok, 0);
  const wallMs = acked ? lastAck - firstSend : NaN;
  const errors: Record<string, number> = {};
  for (const r of replies) for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
  return { round, submitted: replies.reduce((n, r) => n + r.sent, 0), acked, errors, wallMs, votesPerSecond: acked / (wallMs / 1000), ackMs: distribution(replies.flatMap((r) => r.ackMs)) };
}
