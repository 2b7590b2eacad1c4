import { describe, expect, it } from "vitest";
import { SharedReads } from "@/lib/session/shared-read";

/** A read that counts its calls and settles when told to. */
function controlledRead() {
  const calls: string[] = [];
  const settle: Array<{ key: string; resolve(v: string): void; reject(e: Error): void }> = [];
  const read = (key: string) =>
    new Promise<string>((resolve, reject) => {
      calls.push(key);
      settle.push({ key, resolve, reject });
    });
  return { calls, settle, read };
}

describe("SharedReads", () => {
  it("gives commands sent together one read of the same key", async () => {
    const { calls, settle, read } = controlledRead();
    const reads = new SharedReads(read);
    const a = reads.get("s1");
    const b = reads.get("s1");
    const other = reads.get("s2");
    expect(calls).toEqual(["s1", "s2"]);
    settle[0].resolve("first");
    settle[1].resolve("second");
    expect(await Promise.all([a, b, other])).toEqual(["first", "first", "second"]);
  });

  it("keeps nothing once a read has settled: the next command reads afresh", async () => {
    const { calls, settle, read } = controlledRead();
    const reads = new SharedReads(read);
    const a = reads.get("s1");
    settle[0].resolve("before");
    expect(await a).toBe("before");
    const b = reads.get("s1");
    expect(calls).toEqual(["s1", "s1"]);
    settle[1].resolve("after");
    expect(await b).toBe("after");
  });

  it("shares a refusal with the commands that waited on it, and does not remember it", async () => {
    const { calls, settle, read } = controlledRead();
    const reads = new SharedReads(read);
    const a = reads.get("gone");
    const b = reads.get("gone");
    settle[0].reject(new Error("SESSION_NOT_FOUND"));
    await expect(a).rejects.toThrow("SESSION_NOT_FOUND");
    await expect(b).rejects.toThrow("SESSION_NOT_FOUND");
    const c = reads.get("gone");
    expect(calls).toHaveLength(2);
    settle[1].resolve("created meanwhile");
    expect(await c).toBe("created meanwhile");
  });
});
