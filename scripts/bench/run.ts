// The live-session benchmark: one session, N participants on socket.io clients spread
// over forked worker processes. It measures joining and server memory, the fan-out of
// team:state after a facilitator's advance, then the same fan-out through a bare
// socket.io server and the vote rows through raw `pg` inserts as baselines (on the same
// machine and database, the app idle), and last vote ingest with a database check. This
// file runs the phases in order; live-types.ts holds the options and the result,
// live-processes.ts the child processes, live-phases.ts the measured phases,
// live-watchers.ts what the console and present screens receive, report.ts the report.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connectClient, type Socket } from "socket.io-client";
import type { ConsoleView } from "../../lib/session/views";
import { startApp, tempDataDir, type RunningApp } from "../../tests/helpers/app";
import { api, call, importFixture, key, loginFacilitator, socketFor } from "../../tests/helpers/live";
import type { CloseReply, VoteReply, BaselineRequest } from "./protocol";
import { checkVotes, createScratchDatabase, rawInsert } from "./database";
import { BENCH_SCENARIO, DECISION, FIRST_NODE, ROUND_NODES } from "./scenario";
import { Inspector } from "./inspector";
import { correctnessProblems, evaluateTargets } from "./report";
import { now } from "./stats";
import { DEFAULT_OPTIONS, emptyResult, type BenchOptions, type BenchResult, type Sent } from "./live-types";
import { forkRpc, residentOfMapping, rssOf, sleep, type Rpc, type Worker } from "./live-processes";
import { ingestRound, livePhases, poolRounds, type RoundSamples } from "./live-phases";
import { ConsoleObserver } from "./live-watchers";

export type { BenchResult } from "./live-types";
export { rssOf } from "./live-processes";

/** The share of participants whose votes warm the vote path up before the measured burst. */
const VOTE_WARMUP_SHARE = 0.05;
/** A pause between rounds, so one round's stragglers never overlap the next. */
const ROUND_PAUSE_MS = 250;

export async function runLiveBenchmark(input: Partial<BenchOptions> & { participants: number }): Promise<BenchResult> {
  const opts: BenchOptions = { ...DEFAULT_OPTIONS, ...input };
  const log = opts.log;
  const deadline = Date.now() + opts.budgetMs;
  const remaining = (cap: number) => Math.max(1000, Math.min(cap, deadline - Date.now()));
  const result = emptyResult(opts);

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

  const { phase, connectAll, fanoutRound } = livePhases({
    opts,
    result,
    workers,
    pids: () => ({ app: app?.proc.pid, baseline: baseline?.proc.pid }),
    inspector: () => inspector,
    remaining,
  });
  const consoleObserver = new ConsoleObserver(result);

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
    consoleObserver.observe(consoleSocket);
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
    if (opts.watchers > 0) consoleObserver.keepRoster(consoleSocket, session.id, watched.view as ConsoleView, (watched as { rosterVersion?: number }).rosterVersion ?? null);
    for (let i = 1; i < opts.watchers; i++) {
      const watcher = socketFor(app, cookie);
      sockets.push(watcher);
      const w = await call(watcher, "console:watch", { sessionId: session.id });
      if (!w.ok) throw new Error(`console:watch (watcher ${i + 1}) failed: ${JSON.stringify(w.error)}`);
      consoleObserver.keepRoster(watcher, session.id, w.view as ConsoleView, (w as { rosterVersion?: number }).rosterVersion ?? null);
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
    const appRounds: RoundSamples[] = [];
    const bareRounds: RoundSamples[] = [];
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
    result.fanout.app = poolRounds(appRounds, payloadBytes);
    result.fanout.baseline = poolRounds(bareRounds, payloadBytes);
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
      consoleObserver.measureVoteToTally(voteRounds.slice(0, 2).flatMap((replies) => replies.flatMap((r) => r.ackAt)));
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
