// The live-session benchmark's options and the shape of its result: every figure a run
// produces, as scripts/bench/report.ts prints it and `--json` writes it.
import os from "node:os";
import { spawnSync } from "node:child_process";
import { ROOT } from "../../tests/helpers/app";
import type { LagReply, Target } from "./protocol";
import type { DatabaseCheck, RawIngest } from "./database";
import type { ProfileArea } from "./inspector";
import type { Distribution } from "./stats";

export type BenchOptions = {
  participants: number;
  workers: number;
  database: "embedded" | "postgres";
  /** Postgres server on which a scratch database is created (and dropped) for this run. */
  postgresUrl: string;
  teams: number;
  /** Every participant changes its vote once after the first round. */
  revote: boolean;
  /**
   * Staff pages watching the session, as during a real exercise: the facilitator's console
   * first, then present screens and further consoles in turn (0: none).
   */
  watchers: number;
  /** Clients connecting at the same time, over all workers. */
  connectConcurrency: number;
  /** The whole run must finish within this; waits are cut short when it runs out. */
  budgetMs: number;
  rawBatchSize: number;
  /** Where to write the app server's own output after the run, if anywhere. */
  serverLog?: string;
  /** A directory for CPU profiles of the app server's phases (profiling slows the server down). */
  profileDir?: string;
  log: (line: string) => void;
};

export const DEFAULT_OPTIONS: Omit<BenchOptions, "participants"> = {
  workers: 2,
  database: "embedded",
  postgresUrl: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test",
  teams: 1,
  revote: false,
  watchers: 2,
  connectConcurrency: 100,
  budgetMs: 180_000,
  rawBatchSize: 100,
  log: () => undefined,
};

/** What a phase exercised: the app, the bare socket.io baseline, or both in alternation. */
export type PhaseTarget = Target | "both";

export type LagFigures = { phase: string; target: PhaseTarget; workers: LagReply[] };

/** CPU time of each server process during a phase (null: not running). */
export type PhaseCpu = { phase: string; wallMs: number; appCpuMs: number | null; baselineCpuMs: number | null };

export type ConnectFigures = {
  expected: number;
  connected: number;
  joined: number;
  failures: Record<string, number>;
  /** Clients that lost their connection after they connected, before the benchmark closed them. */
  dropped: number;
  connectMs: Distribution;
  joinMs: Distribution;
  wallMs: number;
};

export type FanoutRound = {
  nodeId: string;
  expected: number;
  delivered: number;
  latencyMs: Distribution;
  /** App only: the slowest team's console:command ack (sent after the commit, before the broadcast is built). */
  commandAckMs: number | null;
};

/** When each team's (or room's) trigger was sent, and how long its ack took if it has one. */
export type Sent = Map<string, { at: number; ackMs: number | null }>;

export type FanoutFigures = {
  rounds: FanoutRound[];
  /** All rounds after the warm-up, pooled. */
  latencyMs: Distribution;
  commandAckMs: Distribution | null;
  expected: number;
  delivered: number;
  duplicates: number;
  payloadBytes: number;
};

export type IngestRound = {
  round: number;
  submitted: number;
  acked: number;
  errors: Record<string, number>;
  wallMs: number;
  votesPerSecond: number;
  ackMs: Distribution;
};

export type TargetCheck = { measure: string; target: string; value: string; status: "PASS" | "MISS" | "n/a" };

export type BenchResult = {
  meta: {
    startedAt: string;
    finishedAt: string;
    commit: string | null;
    dirty: boolean | null;
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    /** 1-minute load average before and after the run: other work on the machine skews every figure. */
    loadAverage: { start: number; end: number };
    database: "embedded" | "postgres";
    options: Omit<BenchOptions, "log" | "postgresUrl">;
  };
  connect: { app: ConnectFigures | null; baseline: ConnectFigures | null };
  memory: {
    idleRssBytes: number;
    joinedRssBytes: number;
    perParticipantBytes: number;
    /** Of the RSS per participant: V8's heap, and memory outside it (buffers, native objects). */
    heapPerParticipantBytes: number;
    externalPerParticipantBytes: number;
    /**
     * Embedded database only: growth of the resident part of its WebAssembly memory, per
     * participant. That memory is reserved whole at start and its pages become resident as
     * the database first touches them (buffer pool, catalogue), so a run that writes into
     * pages untouched at idle counts them here.
     */
    embeddedDatabasePerParticipantBytes: number | null;
    baselineIdleRssBytes: number;
    baselineJoinedRssBytes: number;
    baselinePerClientBytes: number;
  } | null;
  fanout: { start: FanoutRound | null; app: FanoutFigures | null; baseline: FanoutFigures | null; p99Ratio: number | null };
  ingest: {
    rounds: IngestRound[];
    database: DatabaseCheck | null;
    /** Raw pg writing the same rows the app writes per vote (vote, event, idempotency record): the target's baseline. */
    raw: RawIngest | null;
    ratio: number | null;
    /** Raw pg writing the vote rows alone, for comparison. */
    rawVoteRows: RawIngest | null;
    ratioVoteRows: number | null;
    /** The bare socket.io server acking the same vote:cast messages with no work: the transport's ceiling. */
    transport: IngestRound | null;
    /** The first 5% of participants' votes, before the measured burst of everyone else's. */
    warmup: IngestRound | null;
  };
  /**
   * The facilitator console's pushes over the whole run: how many carried the whole roster
   * and how many only its changes, the bytes sent, and the bytes had every push carried the
   * whole roster (estimated from the last whole roster's size per entry).
   */
  console: { pushes: number; wholeRosters: number; changeLists: number; bytes: number; bytesIfWhole: number; entryBytes: number; largestRoster: number };
  /**
   * The watchers (consoles and present screens): how many, the console:watch calls they
   * made to resynchronise their roster, and how long after a vote's ack the console's tally
   * first counted it (the k-th acknowledged vote against the first push counting k votes).
   */
  watchers: {
    count: number;
    resyncs: number;
    voteToTallyMs: Distribution | null;
    votesNeverShown: number;
    /** The same, counting only whole console builds (console:state): the path before console:tally, in the same run. */
    voteToBuildMs?: Distribution | null;
  };
  cpu: PhaseCpu[];
  /** With profileDir: the app server's CPU time per phase by package, from a sampling profile. */
  profiles: Array<{ phase: string; file: string; areas: ProfileArea[] }>;
  generator: { lag: LagFigures[]; limitedIn: Array<{ phase: string; target: PhaseTarget; worker: number; p99: number }> };
  targets: TargetCheck[];
  /** Correctness: every expected delivery happened, nothing lost or duplicated, nobody failed to join. */
  problems: string[];
  aborted: string | null;
};

function gitState(): { commit: string | null; dirty: boolean | null } {
  const rev = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (rev.status !== 0) return { commit: null, dirty: null };
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" });
  return { commit: rev.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== "" : null };
}

/** A result with nothing measured yet: the machine, the code and the options of this run. */
export function emptyResult(opts: BenchOptions): BenchResult {
  const { log: _l, postgresUrl: _p, ...shownOptions } = opts;
  const startedAt = new Date().toISOString();
  return {
    meta: {
      startedAt,
      finishedAt: startedAt,
      ...gitState(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: { start: os.loadavg()[0], end: NaN },
      database: opts.database,
      options: shownOptions,
    },
    connect: { app: null, baseline: null },
    memory: null,
    fanout: { start: null, app: null, baseline: null, p99Ratio: null },
    ingest: { rounds: [], database: null, raw: null, ratio: null, rawVoteRows: null, ratioVoteRows: null, transport: null, warmup: null },
    console: { pushes: 0, wholeRosters: 0, changeLists: 0, bytes: 0, bytesIfWhole: 0, entryBytes: 0, largestRoster: 0 },
    watchers: { count: opts.watchers, resyncs: 0, voteToTallyMs: null, votesNeverShown: 0 },
    cpu: [],
    profiles: [],
    generator: { lag: [], limitedIn: [] },
    targets: [],
    problems: [],
    aborted: null,
  };
}
