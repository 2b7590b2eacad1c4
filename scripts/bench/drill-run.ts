// The drill benchmark's run: the built app in its own data directory, drills of the generated
// 15-decision scenario with N invitees, and N simulated participants who each play the whole
// drill as the browser does (DrillPlay.tsx): open the personal link (the page), start, answer
// every decision after a random think time (confidence always, reasoning where the decision
// asks for it), until the result. Answers are checked against drill_answers at the end.
// With `mail`, the invitations go through the outbox to an SMTP server in this process.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { startApp, tempDataDir, type RunningApp } from "../../tests/helpers/app";
import { api, importFixture, loginFacilitator, withPg } from "../../tests/helpers/live";
import { startTestSmtp, type TestSmtp } from "../../tests/helpers/smtp";
import { rssOf } from "./run";
import { writeDrillScenario } from "./drill-scenario";
import { distribution, now, round, type Distribution } from "./stats";

type DrillBenchOptions = { participants: number; thinkMs: number; concurrency: number; mail: boolean; budgetMs: number; log: (line: string) => void };

type View = { stage: string; step: { kind: string; nodeId: string; visit: number; justify?: boolean } | null; error?: { code: string; message: string } };

type DrillBenchResult = {
  participants: number;
  drills: number;
  thinkMs: number;
  concurrency: number;
  finished: number;
  decisionsAcked: number;
  decisionRows: number;
  lost: number;
  busySeconds: number;
  decisionsPerSecond: number;
  answerLatencyMs: Distribution;
  openLatencyMs: Distribution;
  /** The page's HTML as the browser receives it (no compression here), in bytes. */
  pageBytes: Distribution;
  /** The same requests to a bare node:http server in this process, same concurrency: the machine's floor right now. */
  baseline: { requests: number; perSecond: number; latencyMs: Distribution };
  errors: Record<string, number>;
  serverRssMb: number;
  mail: { sent: number; distinctMessageIds: number; duplicates: number; seconds: number } | null;
  loadAverage: { before: number[]; after: number[] };
  problems: string[];
};

/** Invitees per drill: the create form's limit is 5,000; smaller drills keep each creating transaction short on a loaded machine. */
const PER_DRILL = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => os.loadavg().map((l) => round(l, 1));

/** Runs `work(i)` for i < n with at most `limit` at once. */
async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await work(next++);
  }));
}

/** A bare HTTP server answering a small JSON body, hit like the drill's answers: the baseline. */
async function baseline(requests: number, concurrency: number) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"stage":"playing"}'));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  const latencies: number[] = [];
  const t0 = now();
  await pool(requests, concurrency, async () => {
    const t = now();
    await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"type":"answer"}' })).text();
    latencies.push(now() - t);
  });
  const seconds = (now() - t0) / 1000;
  await new Promise((r) => server.close(r));
  return { requests, perSecond: round(requests / seconds), latencyMs: distribution(latencies) };
}

export async function runDrillBenchmark(opts: DrillBenchOptions): Promise<DrillBenchResult> {
  const { log } = opts;
  const deadline = Date.now() + opts.budgetMs;
  const before = load();
  const problems: string[] = [];
  let app: RunningApp | undefined;
  let smtp: TestSmtp | undefined;
  const dataDir = tempDataDir("rr-bench-drill-");
  try {
    log(`· baseline: ${Math.min(2000, opts.participants * 15)} requests to a bare HTTP server`);
    const base = await baseline(Math.min(2000, opts.participants * 15), opts.concurrency);
    if (opts.mail) smtp = await startTestSmtp();
    const env: Record<string, string> = smtp ? { SMTP_URL: smtp.url, MAIL_RATE_PER_SECOND: "10000", MAIL_CONCURRENCY: "8" } : {};
    log(`· starting the app (embedded database${smtp ? ", e-mail to an SMTP server in this process" : ""})`);
    // A loaded machine can take minutes to start the server.
    app = await startApp({ env, dataDir, timeoutMs: 600_000 });
    const url = app.url.replace("//localhost:", "//127.0.0.1:");
    const cookie = await loginFacilitator(app);
    const scenarioId = await importFixture(app, cookie, writeDrillScenario());

    // ------------------------------------------------ drills and their invitations
    const tokens: string[] = [];
    const drillIds: string[] = [];
    const mailStart = now();
    for (let from = 0; from < opts.participants; from += PER_DRILL) {
      const count = Math.min(PER_DRILL, opts.participants - from);
      const invitees = Array.from({ length: count }, (_, i) => ({ email: `p${from + i}@bench.test`, locale: (from + i) % 2 ? "pl" : "en" }));
      const body = { scenarioId, anonymous: true, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), invitees };
      // A creation that failed (a transaction timing out under load) wrote nothing: try again.
      let created = await api(app, cookie, "POST", "/api/drills", body);
      for (let attempt = 2; created.status >= 500 && attempt <= 3; attempt++) created = await api(app, cookie, "POST", "/api/drills", body);
      if (created.status !== 201) throw new Error(`creating a drill failed: ${JSON.stringify(created.body)}`);
      drillIds.push(created.body.id);
      tokens.push(...(created.body.links as Array<{ link: string }>).map((l) => l.link.split("/drill/")[1]));
    }
    log(`· ${drillIds.length} drill(s), ${tokens.length} personal links; ${opts.participants} participants, ${opts.concurrency} at a time, think time 0–${opts.thinkMs} ms`);

    // ------------------------------------------------ the participants
    const acked: string[] = [];
    const answerLatency: number[] = [];
    const openLatency: number[] = [];
    const pageBytes: number[] = [];
    const errors: Record<string, number> = {};
    let finished = 0;
    let firstAck = Infinity;
    let lastAck = 0;
    const post = async (token: string, body: unknown): Promise<View> => {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(`${url}/api/drill/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const view = (await res.json()) as View;
          if (!res.ok) errors[view.error?.code ?? `HTTP ${res.status}`] = (errors[view.error?.code ?? `HTTP ${res.status}`] ?? 0) + 1;
          if (res.ok || res.status < 500 || attempt === 3) return view;
        } catch (e) {
          // A lost answer is retried with the same body (and key): it is recorded once.
          errors.network = (errors.network ?? 0) + 1;
          if (attempt === 3) throw e;
        }
        await sleep(200 * attempt);
      }
    };
    const progress = setInterval(() => log(`  ${finished} finished, ${acked.length} decisions, load ${load().join(" ")}`), 10_000);
    await pool(tokens.length, opts.concurrency, async (i) => {
      if (Date.now() > deadline) return;
      const token = tokens[i];
      let t = now();
      let page: Response;
      try {
        page = await fetch(`${url}/drill/${token}`);
        pageBytes.push(Buffer.byteLength(await page.text()));
      } catch {
        // Counted, not fatal: the summary (and the server's last lines) say what happened.
        return void (errors["page network"] = (errors["page network"] ?? 0) + 1);
      }
      openLatency.push(now() - t);
      if (!page.ok) return void (errors[`page ${page.status}`] = (errors[`page ${page.status}`] ?? 0) + 1);
      let view = await post(token, { type: "start" });
      while (view.stage === "playing" && view.step && Date.now() < deadline) {
        const step = view.step;
        if (step.kind !== "decision") {
          view = await post(token, { type: "advance", nodeId: step.nodeId, visit: step.visit });
          continue;
        }
        await sleep(Math.random() * opts.thinkMs);
        const key = crypto.randomUUID();
        const body = { type: "answer", nodeId: step.nodeId, visit: step.visit, key, optionId: Math.random() < 0.7 ? "good" : "bad", confidence: 1 + Math.floor(Math.random() * 5), ...(step.justify ? { reasoning: "The playbook says so, and the clock is running." } : {}) };
        t = now();
        const next = await post(token, body);
        if (next.error) break;
        const at = now();
        answerLatency.push(at - t);
        acked.push(key);
        firstAck = Math.min(firstAck, at);
        lastAck = at;
        view = next;
      }
      if (view.stage === "result") finished++;
    });
    clearInterval(progress);
    const busySeconds = Math.max(0.001, (lastAck - firstAck) / 1000);

    // ------------------------------------------------ what the database holds
    const dbUrl = (JSON.parse(fs.readFileSync(path.join(app.dataDir, "embedded-db.json"), "utf8")) as { url: string }).url;
    const stored = await withPg(dbUrl, async (c) => (await c.query<{ idempotency_key: string }>("select idempotency_key from drill_answers where session_id = any($1)", [drillIds])).rows.map((r) => r.idempotency_key));
    // Stored keys carry a prefix before the client's key (the last part after ":").
    const storedKeys = new Set(stored.map((k) => k.slice(k.lastIndexOf(":") + 1)));
    const lost = acked.filter((k) => !storedKeys.has(k)).length;
    if (lost) problems.push(`${lost} acknowledged answers have no row`);
    if (stored.length !== storedKeys.size) problems.push("an answer key is stored twice");
    if (finished < opts.participants) problems.push(`${opts.participants - finished} participants did not finish`);
    if (errors["page network"] || errors.network) log(`· the server's last lines:\n${app.logs().split("\n").slice(-30).join("\n")}`);

    let mail: DrillBenchResult["mail"] = null;
    if (smtp) {
      await smtp.waitFor(tokens.length, Math.max(10_000, deadline - Date.now())).catch(() => problems.push(`only ${smtp!.received.length} of ${tokens.length} invitations arrived in time`));
      const counts = smtp.countsById();
      const duplicates = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
      if (duplicates) problems.push(`${duplicates} invitations arrived twice`);
      mail = { sent: smtp.received.length, distinctMessageIds: counts.size, duplicates, seconds: round((now() - mailStart) / 1000) };
    }

    return {
      participants: opts.participants,
      drills: drillIds.length,
      thinkMs: opts.thinkMs,
      concurrency: opts.concurrency,
      finished,
      decisionsAcked: acked.length,
      decisionRows: stored.length,
      lost,
      busySeconds: round(busySeconds),
      decisionsPerSecond: round(acked.length / busySeconds),
      answerLatencyMs: distribution(answerLatency),
      openLatencyMs: distribution(openLatency),
      pageBytes: distribution(pageBytes),
      baseline: base,
      errors,
      serverRssMb: round(rssOf(app.proc.pid!) / 1024 / 1024),
      mail,
      loadAverage: { before, after: load() },
      problems,
    };
  } finally {
    await app?.stop();
    await smtp?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatDrillReport(r: DrillBenchResult): string {
  const d = (x: Distribution) => `p50 ${round(x.p50)} · p95 ${round(x.p95)} · p99 ${round(x.p99)} ms`;
  return [
    `bench:drill · ${r.participants} participants in ${r.drills} drill(s) · 15 decisions each · ${r.concurrency} at a time · think 0–${r.thinkMs} ms`,
    `load average before ${r.loadAverage.before.join(" ")} · after ${r.loadAverage.after.join(" ")} (${os.cpus().length} cores)`,
    `participants finished   ${r.finished} / ${r.participants}`,
    `decisions committed     ${r.decisionsAcked} acknowledged · ${r.decisionRows} rows · ${r.lost} lost`,
    `decisions/s             ${r.decisionsPerSecond} over the busy window of ${r.busySeconds} s (target ≥ 200)`,
    `answer latency          ${d(r.answerLatencyMs)}`,
    `open the link (page)    ${d(r.openLatencyMs)} · ${Math.round(r.pageBytes.p50 / 1024)} KB of HTML at p50 (max ${Math.round(r.pageBytes.max / 1024)} KB)`,
    `baseline (bare HTTP)    ${r.baseline.perSecond} req/s · ${d(r.baseline.latencyMs)}`,
    `server RSS              ${r.serverRssMb} MB (app and embedded database, one process)`,
    ...(r.mail ? [`invitations by e-mail    ${r.mail.sent} received · ${r.mail.distinctMessageIds} distinct Message-IDs · ${r.mail.duplicates} duplicates · ${r.mail.seconds} s from the first drill's creation`] : []),
    `errors                  ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : "none"}`,
    r.problems.length ? `PROBLEMS: ${r.problems.join("; ")}` : "correct: everyone finished, no answer lost or doubled",
  ].join("\n");
}
