// The live-session benchmark: one session, N participants on socket.io clients spread
// over forked worker processes. It measures joining and server memory, the fan-out of
// team:state after a facilitator's advance, then the same fan-out through a bare
// socket.io server and the vote rows through raw `pg` inserts as baselines (on the same
// machine and database, the app idle), and last vote ingest with a database check.
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { io as connectClient, type Socket } from "socket.io-client";
import { applyRosterUpdate, type ConsoleRoster } from "../../lib/realtime/roster-delta";
import type { ConsoleTallies, ConsoleUpdate, ConsoleView } from "../../lib/session/views";
import { ROOT, startApp, tempDataDir, type RunningApp } from "../../tests/helpers/app";
import { api, call, importFixture, key, loginFacilitator, socketFor } from "../../tests/helpers/live";
import type { AwaitReply, CloseReply, ConnectReply, LagReply, ReplyEnvelope, Target, VoteReply, WorkerRequest, BaselineRequest } from "./protocol";
import { checkVotes, createScratchDatabase, rawInsert, type DatabaseCheck, type RawIngest } from "./database";
import { BENCH_SCENARIO, DECISION, FIRST_NODE, ROUND_NODES } from "./scenario";
import { Inspector, summarizeProfile, type ProfileArea } from "./inspector";
import { correctnessProblems, evaluateTargets, GENERATOR_LAG_LIMIT_MS } from "./report";
import { distribution, now, type Distribution } from "./stats";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Rounds before this index warm the JIT and caches and are left out of the pooled figures. */
const WARMUP_ROUNDS = 1;
/** The share of participants whose votes warm the vote path up before the measured burst. */
const VOTE_WARMUP_SHARE = 0.05;
/** A pause between rounds, so one round's stragglers never overlap the next. */
const ROUND_PAUSE_MS = 250;

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
type Sent = Map<string, { at: number; ackMs: number | null }>;

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

// ---------------------------------------------------------------- child processes

type Rpc<Req> = { proc: ChildProcess; request<T>(req: Req): Promise<T & ReplyEnvelope> };

function forkRpc<Req extends object>(file: string): Rpc<Req> {
  const proc = fork(path.join(HERE, file), [], { execArgv: ["--import", "tsx", "--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"], cwd: ROOT });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  proc.on("message", (m: ReplyEnvelope) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(`${file}: ${m.error}`));
    else p.resolve(m);
  });
  proc.on("exit", (code) => {
    for (const p of pending.values()) p.reject(new Error(`${file} exited with code ${code}`));
    pending.clear();
  });
  return {
    proc,
    request<T>(req: Req) {
      const id = nextId++;
      return new Promise<T & ReplyEnvelope>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ ...req, id });
      });
    },
  };
}

type Worker = Rpc<WorkerRequest>;

/** VmRSS of a process, in bytes. */
export function rssOf(pid: number): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Resident bytes of the process's read-write mapping of exactly `sizeBytes` (the embedded database's WebAssembly memory), or null. */
function residentOfMapping(pid: number, sizeBytes: number): number | null {
  const sizeKb = Math.round(sizeBytes / 1024);
  for (const mapping of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    if (!/^\S+ rw-p /.test(mapping)) continue;
    if (Number(mapping.match(/^Size:\s+(\d+) kB/m)?.[1]) !== sizeKb) continue;
    const rss = mapping.match(/^Rss:\s+(\d+) kB/m)?.[1];
    return rss === undefined ? null : Number(rss) * 1024;
  }
  return null;
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** User plus system CPU time of a process, in ms. */
function cpuOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function gitState(): { commit: string | null; dirty: boolean | null } {
  const rev = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (rev.status !== 0) return { commit: null, dirty: null };
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" });
  return { commit: rev.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== "" : null };
}

/** Pools the workers' replies for one round of votes. */
function ingestRound(round: number, replies: VoteReply[]): IngestRound {
  const firstSend = Math.min(...replies.map((r) => r.firstSendAt));
  const lastAck = Math.max(...replies.map((r) => r.lastAckAt));
  const acked = replies.reduce((n, r) => n + r.ok, 0);
  const wallMs = acked ? lastAck - firstSend : NaN;
  const errors: Record<string, number> = {};
  for (const r of replies) for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
  return { round, submitted: replies.reduce((n, r) => n + r.sent, 0), acked, errors, wallMs, votesPerSecond: acked / (wallMs / 1000), ackMs: distribution(replies.flatMap((r) => r.ackMs)) };
}

function countBy(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------- the run

export async function runLiveBenchmark(input: Partial<BenchOptions> & { participants: number }): Promise<BenchResult> {
  const opts: BenchOptions = { ...DEFAULT_OPTIONS, ...input };
  const log = opts.log;
  const deadline = Date.now() + opts.budgetMs;
  const remaining = (cap: number) => Math.max(1000, Math.min(cap, deadline - Date.now()));
  const { log: _l, postgresUrl: _p, ...shownOptions } = opts;
  const startedAt = new Date().toISOString();
  const result: BenchResult = {
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

  let app: RunningApp | undefined;
  let dataDir: string | undefined;
  let serverOutput: (() => string) | undefined;
  let inspector: Inspector | undefined;
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  let baseline: Rpc<BaselineRequest> | undefined;
  const workers: Worker[] = [];
  const sockets: Socket[] = [];
  const budgetTimer = setTimeout(() => (result.aborted ??= "the time budget ran out"), opts.budgetMs);
  // Interrupted (Ctrl-C): leave no server, worker, data directory or scratch database behind.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`· ${signal}: stopping the servers and workers`);
    for (const child of [app?.proc, baseline?.proc, ...workers.map((w) => w.proc)]) child?.kill("SIGKILL");
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    void (scratch?.drop() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  /** Runs a phase with every worker's event-loop delay and the servers' CPU time recorded. */
  async function phase<T>(name: string, target: PhaseTarget, work: () => Promise<T>): Promise<T> {
    if (result.aborted) throw new Error(result.aborted);
    log(`· ${name}`);
    await Promise.all(workers.map((w) => w.request({ type: "lag", action: "start" })));
    const profiling = opts.profileDir && target !== "baseline" ? inspector : undefined;
    await profiling?.startProfile();
    const pids = { app: app?.proc.pid, baseline: baseline?.proc.pid };
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
        w.request<ConnectReply>({ type: "connect", target, url, code, teams: shares[i], concurrency: Math.ceil(opts.connectConcurrency / workers.length), timeoutMs: remaining(30_000) }),
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
  async function fanoutRound(target: Target, nodeId: string, trigger: () => Promise<Sent>): Promise<{ round: FanoutRound; samples: number[]; duplicates: number; payload: unknown }> {
    const waiting = Promise.all(workers.map((w) => w.request<AwaitReply>({ type: "await", target, nodeId, timeoutMs: remaining(30_000) })));
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

  /** Pools the rounds after the warm-up. */
  function pool(rounds: Array<Awaited<ReturnType<typeof fanoutRound>>>, payloadBytes: number): FanoutFigures {
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

  const tallies: Array<{ at: number; total: number }> = [];
  /** The console:state pushes alone: when a whole build counted how many votes. */
  const builtTallies: Array<{ at: number; total: number }> = [];
  /** Each team's tally total at the decision, as the console shows it. */
  const teamTotals = new Map<string, number>();

  /** A watcher's roster, kept the way the browser keeps it (components/live/use-connection.ts). */
  function keepRoster(socket: Socket, sessionId: string, view: ConsoleView, version: number | null) {
    let held: ConsoleRoster | null = { roster: view.roster, version };
    let resyncing = false;
    socket.on("console:state", (update: ConsoleUpdate) => {
      if (resyncing) return;
      const next = applyRosterUpdate(held, update);
      if (next !== "resync") {
        held = next;
        return;
      }
      resyncing = true;
      result.watchers.resyncs++;
      void call(socket, "console:watch", { sessionId })
        .then((r) => {
          if (r.ok) held = { roster: (r.view as ConsoleView).roster, version: (r as { rosterVersion?: number }).rosterVersion ?? null };
        })
        .finally(() => (resyncing = false));
    });
  }

  try {
    // ------------------------------------------------ the app, a session, the workers
    // The inspector (loopback, random port) lets the benchmark collect garbage before reading RSS.
    let env: Record<string, string> = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect=127.0.0.1:0`.trim() };
    if (opts.database === "postgres") {
      scratch = await createScratchDatabase(opts.postgresUrl);
      env = { ...env, DATABASE_URL: scratch.url, NEXTAUTH_SECRET: crypto.randomBytes(48).toString("base64url"), READYROOM_KEK: crypto.randomBytes(32).toString("base64"), SEED_DEMO: "1" };
    }
    log(`· starting the app (${opts.database} database)`);
    dataDir = tempDataDir("rr-bench-");
    // A busy machine can take minutes to start the server; the budget still bounds the wait.
    app = await startApp({ env, dataDir, timeoutMs: remaining(300_000) });
    const serverPid = app.proc.pid!;
    serverOutput = app.logs;
    const inspectorUrl = app.logs().match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
    if (!inspectorUrl) throw new Error("the app's inspector did not start; is NODE_OPTIONS overriding --inspect?");
    inspector = await Inspector.connect(inspectorUrl);
    const settledMemory = async () => {
      await inspector!.collectGarbage();
      await sleep(500);
      const usage = await inspector!.memoryUsage();
      return { rss: rssOf(serverPid), ...usage, databaseRss: usage.databaseBytes === null ? null : residentOfMapping(serverPid, usage.databaseBytes) };
    };
    // Clients dial the loopback address itself: "localhost" would cost a resolver lookup per connection.
    const clientUrl = app.url.replace("//localhost:", "//127.0.0.1:");
    const dbUrl = scratch?.url ?? (JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string }).url;
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, BENCH_SCENARIO);
    const teamNames = Array.from({ length: opts.teams }, (_, i) => `Bench team ${i + 1}`);
    const created = await api(app, cookie, "POST", "/api/sessions", { scenarioId, teams: teamNames, anonymous: true });
    if (created.status !== 201) throw new Error(`creating the session failed: ${JSON.stringify(created.body)}`);
    const session = created.body as { id: string; joinCode: string };
    const consoleSocket = socketFor(app, cookie);
    sockets.push(consoleSocket);
    // What the open console receives: whole rosters or change lists (lib/realtime/roster-delta.ts).
    consoleSocket.on("console:state", (update: { roster?: unknown[]; rosterChanges?: { upsert: unknown[]; size: number } }) => {
      const c = result.console;
      const bytes = Buffer.byteLength(JSON.stringify(update));
      c.pushes++;
      c.bytes += bytes;
      if (update.roster) {
        c.wholeRosters++;
        if (update.roster.length) c.entryBytes = Buffer.byteLength(JSON.stringify(update.roster)) / update.roster.length;
        c.bytesIfWhole += bytes;
      } else if (update.rosterChanges) {
        c.changeLists++;
        c.bytesIfWhole += bytes + Math.max(0, update.rosterChanges.size - update.rosterChanges.upsert.length) * c.entryBytes;
      }
      c.largestRoster = Math.max(c.largestRoster, update.roster?.length ?? update.rosterChanges?.size ?? 0);
    });
    // When the console's tallies counted how many votes, for vote → console tally.
    consoleSocket.on("console:state", (update: ConsoleUpdate) => {
      for (const t of update.teams) teamTotals.set(t.id, t.node?.id === DECISION.nodeId ? (t.tally?.total ?? 0) : 0);
      tallies.push({ at: now(), total: [...teamTotals.values()].reduce((n, v) => n + v, 0) });
      builtTallies.push({ at: now(), total: update.teams.reduce((n, t) => n + (t.node?.id === DECISION.nodeId ? (t.tally?.total ?? 0) : 0), 0) });
    });
    // Tallies pushed on their own between builds (console:tally), as the browser applies them.
    consoleSocket.on("console:tally", (update: ConsoleTallies) => {
      for (const t of update.teams) if (t.nodeId === DECISION.nodeId) teamTotals.set(t.teamId, t.tally?.total ?? 0);
      tallies.push({ at: now(), total: [...teamTotals.values()].reduce((n, v) => n + v, 0) });
    });
    const watched = await call(consoleSocket, "console:watch", { sessionId: session.id });
    if (!watched.ok) throw new Error(`console:watch failed: ${JSON.stringify(watched.error)}`);
    const teamIds = (watched.view.teams as Array<{ id: string }>).map((t) => t.id);
    if (opts.watchers === 0) {
      consoleSocket.close();
      const facilitator = socketFor(app, cookie);
      sockets.push(facilitator);
      await new Promise((resolve) => facilitator.once("connect", () => resolve(null)));
    }
    const facilitator = sockets[sockets.length - 1];
    // Every watcher keeps its roster as the browser does, and asks for the whole view when a change list does not apply.
    if (opts.watchers > 0) keepRoster(consoleSocket, session.id, watched.view as ConsoleView, (watched as { rosterVersion?: number }).rosterVersion ?? null);
    for (let i = 1; i < opts.watchers; i++) {
      const watcher = socketFor(app, cookie);
      sockets.push(watcher);
      const w = await call(watcher, "console:watch", { sessionId: session.id });
      if (!w.ok) throw new Error(`console:watch (watcher ${i + 1}) failed: ${JSON.stringify(w.error)}`);
      keepRoster(watcher, session.id, w.view as ConsoleView, (w as { rosterVersion?: number }).rosterVersion ?? null);
    }
    /** Sends a console command; resolves with its ack time. */
    const command = async (cmd: object): Promise<number> => {
      const t0 = now();
      const r = await call(facilitator, "console:command", { key: key(), sessionId: session.id, command: cmd });
      if (!r.ok) throw new Error(`console:command ${JSON.stringify(cmd)} failed: ${JSON.stringify(r.error)}`);
      return now() - t0;
    };

    for (let i = 0; i < opts.workers; i++) workers.push(forkRpc("client-worker.ts"));
    const idle = await settledMemory();

    // ------------------------------------------------ connect and join
    const joined = await phase("connect+join", "app", () => connectAll("app", clientUrl, teamIds, session.joinCode));
    result.connect.app = joined.figures;
    const participants = joined.replies.flatMap((r) => r.participants);
    const loaded = await settledMemory();
    const perParticipant = (bytes: number) => (participants.length ? bytes / participants.length : NaN);
    result.memory = {
      idleRssBytes: idle.rss,
      joinedRssBytes: loaded.rss,
      perParticipantBytes: perParticipant(loaded.rss - idle.rss),
      heapPerParticipantBytes: perParticipant(loaded.heapUsed - idle.heapUsed),
      externalPerParticipantBytes: perParticipant(loaded.external - idle.external),
      embeddedDatabasePerParticipantBytes: idle.databaseRss === null || loaded.databaseRss === null ? null : perParticipant(loaded.databaseRss - idle.databaseRss),
      baselineIdleRssBytes: NaN,
      baselineJoinedRssBytes: NaN,
      baselinePerClientBytes: NaN,
    };
    log(`  ${participants.length}/${opts.participants} joined`);

    // ------------------------------------------------ the bare socket.io baseline's clients
    baseline = forkRpc<BaselineRequest>("baseline-server.ts");
    const { port } = await baseline.request<{ port: number }>({ type: "listen" });
    const baselineUrl = `http://127.0.0.1:${port}`;
    const baselinePid = baseline.proc.pid!;
    const baselineRss = async () => {
      await baseline!.request({ type: "gc" });
      await sleep(500);
      return rssOf(baselinePid);
    };
    const baselineIdle = await baselineRss();
    const bare = await phase("baseline connect", "baseline", () => connectAll("baseline", baselineUrl, teamIds));
    result.connect.baseline = bare.figures;
    const baselineJoined = await baselineRss();
    Object.assign(result.memory, {
      baselineIdleRssBytes: baselineIdle,
      baselineJoinedRssBytes: baselineJoined,
      baselinePerClientBytes: bare.figures.joined ? (baselineJoined - baselineIdle) / bare.figures.joined : NaN,
    });
    const standIn = connectClient(baselineUrl);
    sockets.push(standIn);
    await new Promise((resolve) => standIn.once("connect", () => resolve(null)));

    // ------------------------------------------------ fan-out: app and bare rounds alternate
    // Alternating cancels slow drifts in the machine's other load out of the ratio.
    const advanceEveryTeam = async (): Promise<Sent> => {
      const sent: Sent = new Map();
      await Promise.all(
        teamIds.map(async (teamId) => {
          const at = now();
          const ackMs = await command({ type: "advance", teamId });
          sent.set(teamId, { at, ackMs });
        }),
      );
      return sent;
    };
    const broadcastEveryRoom = (nodeId: string) => async (): Promise<Sent> => {
      const sent: Sent = new Map();
      for (const room of teamIds) {
        sent.set(room, { at: now(), ackMs: null });
        standIn.emit("fanout" as never, { nodeId, room } as never);
      }
      return sent;
    };
    const payloads: Record<string, unknown> = {};
    const appRounds: Array<Awaited<ReturnType<typeof fanoutRound>>> = [];
    const bareRounds: Array<Awaited<ReturnType<typeof fanoutRound>>> = [];
    await phase("fan-out", "both", async () => {
      const start = await fanoutRound("app", FIRST_NODE, async () => {
        const at = now();
        const ackMs = await command({ type: "start" });
        return new Map(teamIds.map((t) => [t, { at, ackMs }]));
      });
      result.fanout.start = start.round;
      for (const nodeId of ROUND_NODES) {
        await sleep(ROUND_PAUSE_MS);
        const r = await fanoutRound("app", nodeId, advanceEveryTeam);
        appRounds.push(r);
        // The bare server broadcasts exactly what the app just sent.
        payloads[nodeId] = r.payload;
        await baseline!.request({ type: "payloads", payloads });
        await sleep(ROUND_PAUSE_MS);
        bareRounds.push(await fanoutRound("baseline", nodeId, broadcastEveryRoom(nodeId)));
      }
    });
    const payloadBytes = Buffer.byteLength(JSON.stringify(payloads[ROUND_NODES[0]] ?? {}));
    result.fanout.app = pool(appRounds, payloadBytes);
    result.fanout.baseline = pool(bareRounds, payloadBytes);
    result.fanout.p99Ratio = result.fanout.app.latencyMs.p99 / result.fanout.baseline.latencyMs.p99;
    // The transport's ceiling: the bare server acks the same vote:cast messages with no work.
    const echo = await phase("baseline votes", "baseline", () =>
      Promise.all(workers.map((w) => w.request<VoteReply>({ type: "vote", ...DECISION, round: 0, target: "baseline", timeoutMs: remaining(60_000) }))),
    );
    result.ingest.transport = ingestRound(0, echo);
    await Promise.all(workers.map((w) => w.request<CloseReply>({ type: "close", target: "baseline" })));
    standIn.close();
    await baseline.request({ type: "close" });
    baseline.proc.kill();
    baseline = undefined;

    // ------------------------------------------------ raw pg baseline, the app idle
    log("· raw pg baseline");
    const rawRows = participants.map((p, i) => ({ ...p, sessionId: session.id, optionId: DECISION.optionIds[i % DECISION.optionIds.length] }));
    if (rawRows.length) {
      result.ingest.raw = await rawInsert(dbUrl, "same-rows", rawRows, opts.rawBatchSize);
      result.ingest.rawVoteRows = await rawInsert(dbUrl, "vote-rows", rawRows, opts.rawBatchSize);
    }

    // ------------------------------------------------ vote ingest, then the database check
    const voteRounds: VoteReply[][] = [];
    // Warm-up, left out of the figures as the first fan-out round is: the first few
    // participants vote, so the vote path's first batch (code and statements run for the
    // first time in this process) does not land in the measured burst.
    if (!result.aborted) {
      const warm = await phase("votes (warm-up)", "app", () =>
        Promise.all(workers.map((w) => w.request<VoteReply>({ type: "vote", ...DECISION, round: 0, share: [0, VOTE_WARMUP_SHARE], timeoutMs: remaining(60_000) }))),
      );
      voteRounds.push(warm);
      result.ingest.warmup = ingestRound(0, warm);
    }
    for (let round = 0; round < (opts.revote ? 2 : 1) && !result.aborted; round++) {
      const share: [number, number] = round === 0 ? [VOTE_WARMUP_SHARE, 1] : [0, 1];
      const replies = await phase(round === 0 ? "votes" : "vote changes", "app", () =>
        Promise.all(workers.map((w) => w.request<VoteReply>({ type: "vote", ...DECISION, round, share, timeoutMs: remaining(120_000) }))),
      );
      voteRounds.push(replies);
      result.ingest.rounds.push(ingestRound(round, replies));
    }
    if (voteRounds.length && opts.watchers > 0) {
      // Votes of the warm-up and the first round raise the tally; later rounds only change it.
      await sleep(1000);
      const acks = voteRounds.slice(0, 2).flatMap((replies) => replies.flatMap((r) => r.ackAt)).sort((a, b) => a - b);
      const delaysTo = (shown: Array<{ at: number; total: number }>) => {
        const delays: number[] = [];
        let never = 0;
        let j = 0;
        acks.forEach((at, i) => {
          while (j < shown.length && shown[j].total < i + 1) j++;
          if (j < shown.length) delays.push(Math.max(0, shown[j].at - at));
          else never++;
        });
        return { delays, never };
      };
      const live = delaysTo(tallies);
      result.watchers.votesNeverShown = live.never;
      result.watchers.voteToTallyMs = distribution(live.delays);
      result.watchers.voteToBuildMs = distribution(delaysTo(builtTallies).delays);
    }
    if (voteRounds.length) {
      log("· database check");
      // Votes still queued in the server when their acks timed out may commit meanwhile; let them.
      await sleep(500);
      result.ingest.database = await checkVotes(dbUrl, session.id, voteRounds);
      const votesPerSecond = result.ingest.rounds[0].votesPerSecond;
      if (result.ingest.raw && Number.isFinite(votesPerSecond)) result.ingest.ratio = votesPerSecond / result.ingest.raw.votesPerSecond;
      if (result.ingest.rawVoteRows && Number.isFinite(votesPerSecond)) result.ingest.ratioVoteRows = votesPerSecond / result.ingest.rawVoteRows.votesPerSecond;
    }

    const closed = await Promise.all(workers.map((w) => w.request<CloseReply>({ type: "close", target: "app" })));
    joined.figures.dropped = closed.reduce((n, r) => n + r.dropped, 0);
  } catch (e) {
    result.aborted = result.aborted ? `${result.aborted}: ${(e as Error).message}` : (e as Error).message;
  } finally {
    clearTimeout(budgetTimer);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    inspector?.close();
    for (const s of sockets) s.close();
    await Promise.all(workers.map((w) => w.request({ type: "close" }).catch(() => undefined)));
    for (const w of workers) w.proc.kill();
    if (baseline) {
      await baseline.request({ type: "close" }).catch(() => undefined);
      baseline.proc.kill();
    }
    if (app) await app.stop().catch(() => undefined);
    if (opts.serverLog && serverOutput) fs.writeFileSync(opts.serverLog, serverOutput());
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop().catch((e: unknown) => log(`could not drop the scratch database: ${(e as Error).message}`));
  }
  result.meta.finishedAt = new Date().toISOString();
  result.meta.loadAverage.end = os.loadavg()[0];
  result.problems = correctnessProblems(result);
  result.targets = evaluateTargets(result);
  return result;
}
