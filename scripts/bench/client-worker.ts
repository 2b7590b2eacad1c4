// A load-generator process of the live-session benchmark (forked by scripts/bench/run.ts):
// it holds its share of the participants' socket.io clients, stamps every team:state
// on arrival, casts votes, and reports its own event-loop delay, so the report can tell
// when the generator rather than the server was the limit.
import crypto from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { AwaitReply, AwaitRequest, CloseReply, CloseRequest, ConnectReply, ConnectRequest, LagReply, Target, VoteReply, VoteRequest, WorkerRequest } from "./protocol";
import { now } from "./stats";

type Client = {
  target: Target;
  socket: Socket;
  /** The team (app) or room (baseline) this client belongs to. */
  team: string;
  participantId: string | null;
  ready: boolean;
  /** Lost its connection after it was ready, before the benchmark closed it. */
  dropped: boolean;
  /** First receipt time of each node's team:state. */
  received: Map<string, number>;
};

const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();
let cpuAtStart = process.cpuUsage();

let clients: Client[] = [];
/** Per target and node: receipts beyond each client's first, and the first payload. */
const duplicates = new Map<string, number>();
const samples = new Map<string, unknown>();
const waiting = new Set<() => void>();

function send(message: object): void {
  process.send?.(message);
}

function onTeamState(client: Client, payload: { node?: { id?: string } | null }): void {
  const at = now();
  const nodeId = payload?.node?.id ?? "lobby";
  const key = `${client.target}:${nodeId}`;
  if (client.received.has(nodeId)) duplicates.set(key, (duplicates.get(key) ?? 0) + 1);
  else client.received.set(nodeId, at);
  if (!samples.has(key)) samples.set(key, payload);
  for (const check of waiting) check();
}

function open(req: ConnectRequest, team: string): Promise<{ client: Client; connectMs?: number; joinMs?: number; failure?: ConnectReply["failures"][number] }> {
  return new Promise((resolve) => {
    const started = now();
    const socket = io(req.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: req.timeoutMs,
      ...(req.target === "baseline" ? { query: { room: team } } : {}),
    });
    const client: Client = { target: req.target, socket, team, participantId: null, ready: false, dropped: false, received: new Map() };
    socket.on("team:state", (payload) => onTeamState(client, payload));
    socket.on("connect_error", (e) => {
      socket.close();
      resolve({ client, failure: { stage: "connect", code: e.message || "connect_error" } });
    });
    socket.once("connect", () => {
      const connectMs = now() - started;
      socket.on("disconnect", () => {
        if (client.ready) client.dropped = true;
        client.ready = false;
      });
      if (req.target === "baseline") {
        client.ready = true;
        resolve({ client, connectMs });
        return;
      }
      const joinAt = now();
      socket.timeout(req.timeoutMs).emit("participant:join", { code: req.code, teamId: team }, (err: Error | null, res: { ok: boolean; view?: { me: { id: string } }; error?: { code: string } }) => {
        if (err || !res?.ok) {
          resolve({ client, connectMs, failure: { stage: "join", code: err ? "ACK_TIMEOUT" : (res?.error?.code ?? "UNKNOWN") } });
          return;
        }
        client.participantId = res.view!.me.id;
        client.ready = true;
        resolve({ client, connectMs, joinMs: now() - joinAt });
      });
    });
  });
}

async function connect(req: ConnectRequest): Promise<ConnectReply> {
  const reply: ConnectReply = { connectMs: [], joinMs: [], failures: [], participants: [] };
  let next = 0;
  async function lane() {
    while (next < req.teams.length) {
      const team = req.teams[next++];
      const r = await open(req, team);
      clients.push(r.client);
      if (r.connectMs !== undefined) reply.connectMs.push(r.connectMs);
      if (r.joinMs !== undefined) reply.joinMs.push(r.joinMs);
      if (r.failure) reply.failures.push(r.failure);
      if (r.client.participantId) reply.participants.push({ participantId: r.client.participantId, teamId: team });
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, req.concurrency) }, lane));
  return reply;
}

function awaitNode(req: AwaitRequest): Promise<AwaitReply> {
  return new Promise((resolve) => {
    const expected = clients.filter((c) => c.target === req.target && (c.ready || c.received.has(req.nodeId)));
    const finish = () => {
      waiting.delete(check);
      clearTimeout(timer);
      const receipts: Array<[string, number]> = [];
      for (const c of expected) {
        const at = c.received.get(req.nodeId);
        if (at !== undefined) receipts.push([c.team, at]);
      }
      resolve({ nodeId: req.nodeId, receipts, missing: expected.length - receipts.length, duplicates: duplicates.get(`${req.target}:${req.nodeId}`) ?? 0, sample: samples.get(`${req.target}:${req.nodeId}`) ?? null });
    };
    const check = () => {
      if (expected.every((c) => c.received.has(req.nodeId))) finish();
    };
    const timer = setTimeout(finish, req.timeoutMs);
    waiting.add(check);
    check();
  });
}

function vote(req: VoteRequest): Promise<VoteReply> {
  const target = req.target ?? "app";
  const eligible = clients.filter((c) => c.target === target && c.ready && (target === "baseline" || c.participantId));
  const [from, to] = req.share ?? [0, 1];
  const voters = eligible.slice(Math.round(from * eligible.length), Math.round(to * eligible.length));
  const reply: VoteReply = { sent: 0, ok: 0, errors: {}, ackMs: [], firstSendAt: now(), lastAckAt: 0, ackAt: [], lastAcked: [] };
  if (voters.length === 0) return Promise.resolve(reply);
  return new Promise((resolve) => {
    let pending = voters.length;
    voters.forEach((c, i) => {
      const optionId = req.optionIds[(i + req.round) % req.optionIds.length];
      const payload = { key: crypto.randomUUID(), nodeId: req.nodeId, visit: req.visit, optionId };
      const sentAt = now();
      reply.sent++;
      c.socket.timeout(req.timeoutMs).emit("vote:cast", payload, (err: Error | null, res: { ok: boolean; error?: { code: string } }) => {
        const at = now();
        if (err || !res?.ok) {
          const code = err ? "ACK_TIMEOUT" : (res?.error?.code ?? "UNKNOWN");
          reply.errors[code] = (reply.errors[code] ?? 0) + 1;
        } else {
          reply.ok++;
          reply.ackMs.push(at - sentAt);
          reply.lastAckAt = Math.max(reply.lastAckAt, at);
          reply.ackAt.push(at);
          if (c.participantId) reply.lastAcked.push([c.participantId, optionId]);
        }
        if (--pending === 0) resolve(reply);
      });
    });
  });
}

function lagReport(): LagReply {
  const cpu = process.cpuUsage(cpuAtStart);
  const beyond = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
  return { p50: beyond(lag.percentile(50)), p99: beyond(lag.percentile(99)), max: beyond(lag.max), cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function close(req: CloseRequest): Promise<CloseReply> {
  const closing = clients.filter((c) => !req.target || c.target === req.target);
  for (const c of closing) {
    c.ready = false;
    c.socket.close();
  }
  clients = clients.filter((c) => !closing.includes(c));
  return { closed: closing.length, dropped: closing.filter((c) => c.dropped).length };
}

async function handle(req: WorkerRequest): Promise<object> {
  switch (req.type) {
    case "connect":
      return connect(req);
    case "await":
      return awaitNode(req);
    case "vote":
      return vote(req);
    case "lag":
      if (req.action === "start") {
        lag.reset();
        cpuAtStart = process.cpuUsage();
        return {};
      }
      return lagReport();
    case "close":
      return close(req);
  }
}

process.on("message", (req: WorkerRequest & { id: number }) => {
  handle(req).then(
    (answer) => send({ id: req.id, ...answer }),
    (e: unknown) => send({ id: req.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on("disconnect", () => process.exit(0));
