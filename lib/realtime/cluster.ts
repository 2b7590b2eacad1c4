// Several app nodes: socket.io rooms are shared through the Redis adapter, and each
// running session's decision timers are owned by exactly one node at a time through a
// lease in Redis. Every node reconciles once a second: it renews the leases it holds,
// takes over sessions whose owner stopped renewing (a dead node), and arms the timers of
// the sessions it owns from the database. Transitions themselves are serialised by row
// locks in the database, so any node may run them; firing a timer is idempotent there.
// Presence (who is online) and the login and join-code attempt limits are kept in Redis
// too, so they hold across nodes.
import crypto from "node:crypto";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { installLimiterStore } from "@/lib/auth/rate-limit";
import type { Presence, SharedPresence } from "@/lib/realtime/presence";
import type { RealtimeServer } from "@/lib/realtime/server";
import type { SessionService } from "@/lib/session/service";

export type Cluster = { nodeId: string; owns(sessionId: string): boolean; stop(): Promise<void> };

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export async function startCluster(opts: {
  redisUrl: string;
  io: RealtimeServer;
  service: SessionService;
  /** This node's presence, to be shared with the other nodes. */
  presence?: Presence;
  prefix?: string;
  leaseMs?: number;
  reconcileMs?: number;
  log?: (line: string) => void;
}): Promise<Cluster> {
  const prefix = opts.prefix ?? "readyroom";
  const leaseMs = opts.leaseMs ?? 10_000;
  const reconcileMs = opts.reconcileMs ?? 1_000;
  const nodeId = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const log = opts.log ?? (() => undefined);

  const pub = createClient({ url: opts.redisUrl });
  const sub = pub.duplicate();
  const leases = pub.duplicate();
  for (const c of [pub, sub, leases]) c.on("error", (e: Error) => log(`redis: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect(), leases.connect()]);
  opts.io.adapter(createAdapter(pub, sub, { key: `${prefix}:socket.io` }));

  // Attempt limits count in Redis; if Redis fails, each node counts in memory meanwhile.
  installLimiterStore(({ name, points, duration, blockDuration }) =>
    new RateLimiterRedis({
      storeClient: leases,
      useRedisPackage: true,
      keyPrefix: `${prefix}:limit:${name}`,
      points,
      duration,
      blockDuration,
      insuranceLimiter: new RateLimiterMemory({ points, duration, blockDuration }),
    }),
  );

  // Presence: one set per session and node (`<prefix>:online:<session>:<node>`), and the
  // nodes with a set in `<prefix>:online-nodes:<session>` (scored by when they last renewed
  // it). Each node rewrites its sets every reconcile; a dead node's sets expire, so its
  // participants drop out of the count within presenceTtlMs.
  const presenceTtlMs = Math.max(3 * reconcileMs, 3_000);
  const onlineKey = (sessionId: string, node = nodeId) => `${prefix}:online:${sessionId}:${node}`;
  const nodesKey = (sessionId: string) => `${prefix}:online-nodes:${sessionId}`;
  const shared: SharedPresence = {
    add(sessionId, participantId) {
      void leases
        .multi()
        .sAdd(onlineKey(sessionId), participantId)
        .pExpire(onlineKey(sessionId), presenceTtlMs)
        .zAdd(nodesKey(sessionId), { score: Date.now(), value: nodeId })
        .pExpire(nodesKey(sessionId), presenceTtlMs)
        .exec()
        .catch((e: Error) => log(`presence: ${e.message}`));
    },
    remove(sessionId, participantId) {
      void leases.sRem(onlineKey(sessionId), participantId).catch((e: Error) => log(`presence: ${e.message}`));
    },
    async online(sessionId) {
      const nodes = await leases.zRangeByScore(nodesKey(sessionId), Date.now() - presenceTtlMs, "+inf");
      if (!nodes.length) return new Set();
      return new Set(await leases.sUnion(nodes.map((n) => onlineKey(sessionId, n))));
    },
  };
  async function renewPresence() {
    if (!opts.presence) return;
    const multi = leases.multi();
    let any = false;
    const now = Date.now();
    for (const [sessionId, ids] of opts.presence.local()) {
      any = true;
      multi
        .sAdd(onlineKey(sessionId), [...ids])
        .pExpire(onlineKey(sessionId), presenceTtlMs)
        .zAdd(nodesKey(sessionId), { score: now, value: nodeId })
        .zRemRangeByScore(nodesKey(sessionId), "-inf", now - presenceTtlMs)
        .pExpire(nodesKey(sessionId), presenceTtlMs);
    }
    if (any) await multi.exec();
  }
  opts.presence?.shareThrough(shared);

  const owned = new Set<string>();
  const leaseKey = (sessionId: string) => `${prefix}:owner:${sessionId}`;

  async function holdOrTake(sessionId: string): Promise<boolean> {
    const key = leaseKey(sessionId);
    if (owned.has(sessionId)) {
      const renewed = await leases.eval(RENEW, { keys: [key], arguments: [nodeId, String(leaseMs)] });
      if (Number(renewed) === 1) return true;
      owned.delete(sessionId);
      log(`lost the lease on session ${sessionId}`);
    }
    const taken = await leases.set(key, nodeId, { condition: "NX", expiration: { type: "PX", value: leaseMs } });
    if (taken === "OK") {
      owned.add(sessionId);
      log(`owns session ${sessionId}`);
      return true;
    }
    return false;
  }

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  async function reconcile() {
    await renewPresence().catch((e: unknown) => log(`presence renewal failed: ${(e as Error).message}`));
    const sessions = await opts.service.sessionsWithTimers();
    const active = new Set(sessions);
    for (const sessionId of sessions) {
      if (await holdOrTake(sessionId)) await opts.service.armTimers(sessionId);
      else opts.service.disarmTimers(sessionId);
    }
    for (const sessionId of [...owned]) {
      if (active.has(sessionId)) continue;
      owned.delete(sessionId);
      await leases.eval(RELEASE, { keys: [leaseKey(sessionId)], arguments: [nodeId] });
    }
  }
  const timer = setInterval(() => {
    if (stopped) return;
    running = reconcile().catch((e: unknown) => log(`reconcile failed: ${(e as Error).message}`));
  }, reconcileMs);
  await reconcile();

  return {
    nodeId,
    owns: (sessionId) => owned.has(sessionId),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      for (const sessionId of owned) await leases.eval(RELEASE, { keys: [leaseKey(sessionId)], arguments: [nodeId] }).catch(() => undefined);
      for (const [sessionId] of opts.presence?.local() ?? []) await leases.del(onlineKey(sessionId)).catch(() => undefined);
      await Promise.all([pub.quit(), sub.quit(), leases.quit()].map((p) => p.catch(() => undefined)));
    },
  };
}
