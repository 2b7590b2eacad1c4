// The live-session benchmark's child processes (client workers, the bare socket.io server)
// and what /proc tells about a process: resident memory and CPU time.
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../../tests/helpers/app";
import type { ReplyEnvelope, WorkerRequest } from "./protocol";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type Rpc<Req> = { proc: ChildProcess; request<T>(req: Req): Promise<T & ReplyEnvelope> };

export function forkRpc<Req extends object>(file: string): Rpc<Req> {
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

export type Worker = Rpc<WorkerRequest>;

/** VmRSS of a process, in bytes. */
export function rssOf(pid: number): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Resident bytes of the process's read-write mapping of exactly `sizeBytes` (the embedded database's WebAssembly memory), or null. */
export function residentOfMapping(pid: number, sizeBytes: number): number | null {
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
export function cpuOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function countBy(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}
