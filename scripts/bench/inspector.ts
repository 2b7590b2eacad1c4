// A minimal DevTools-protocol client for the app server's inspector (the benchmark starts
// the server with --inspect on a loopback port): full garbage collections before memory
// readings, and CPU profiles of a phase to see where the server's time goes.
import { WebSocket } from "ws";

export class Inspector {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    return new Inspector(ws);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  collectGarbage(): Promise<unknown> {
    return this.send("HeapProfiler.collectGarbage");
  }

  /** The server's own process.memoryUsage(): how much of its RSS is V8 heap, and how much outside it. */
  async memoryUsage(): Promise<{ heapUsed: number; external: number; databaseBytes: number | null }> {
    // The embedded database (lib/db/embedded.ts) reports the size of its WebAssembly memory.
    const expression = `JSON.stringify({ ...process.memoryUsage(), databaseBytes: globalThis[Symbol.for("readyroom.embeddedDatabaseBytes")]?.() ?? null })`;
    const { result } = await this.send<{ result: { value: string } }>("Runtime.evaluate", { expression });
    const usage = JSON.parse(result.value) as { heapUsed: number; external: number; databaseBytes: number | null };
    return { heapUsed: usage.heapUsed, external: usage.external, databaseBytes: usage.databaseBytes };
  }

  async startProfile(): Promise<void> {
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: 500 });
    await this.send("Profiler.start");
  }

  async stopProfile(): Promise<unknown> {
    const { profile } = await this.send<{ profile: unknown }>("Profiler.stop");
    return profile;
  }

  close(): void {
    this.ws.close();
  }
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type ProfileArea = { area: string; ms: number; share: number };

/** Where a sampled code location belongs: an npm package, the app bundle, Node itself, or V8. */
function areaOf(frame: ProfileNode["callFrame"]): string {
  const pkg = frame.url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  if (frame.url.endsWith("/dist/server.js")) return "app (dist/server.js)";
  if (frame.url.includes("/.next/")) return "app (Next bundles)";
  if (frame.url.startsWith("node:")) return "node internals";
  if (frame.url === "") return frame.functionName.startsWith("(") ? frame.functionName : "native code";
  return frame.url;
}

/**
 * Self time of a CPU profile by area, busiest first, idle time left out. WebAssembly
 * (PGlite's Postgres, Prisma's query compiler) counts for the package that called into it.
 */
export function summarizeProfile(raw: unknown): ProfileArea[] {
  const profile = raw as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const areaCache = new Map<number, string>();
  const areaOfNode = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached) return cached;
    let node = byId.get(id)!;
    let area: string;
    if (node.callFrame.url.startsWith("wasm://") || node.callFrame.functionName.startsWith("js-to-wasm")) {
      let up = parentOf.get(node.id);
      while (up !== undefined && (byId.get(up)!.callFrame.url.startsWith("wasm://") || byId.get(up)!.callFrame.url === "")) up = parentOf.get(up);
      node = up === undefined ? node : byId.get(up)!;
      area = `${up === undefined ? "unknown" : areaOf(node.callFrame)} (wasm)`;
    } else area = areaOf(node.callFrame);
    areaCache.set(id, area);
    return area;
  };
  const byArea = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const area = areaOfNode(id);
    if (area === "(idle)") return;
    byArea.set(area, (byArea.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...byArea.values()].reduce((a, b) => a + b, 0);
  return [...byArea].map(([area, ms]) => ({ area, ms, share: total ? ms / total : 0 })).sort((a, b) => b.ms - a.ms);
}
