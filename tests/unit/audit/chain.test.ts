import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { ChainWalker, GENESIS_HASH, canonicalJson, checkpointMessage, checkpointSignatureValid, contentHash, keyIdOf, linkHash, type ChainRow } from "@/lib/audit/chain";

const row = (id: number, detail: unknown = { sessionId: "s1", fields: ["title"] }): ChainRow => ({
  id: String(id),
  at: `2026-12-03T10:00:0${id % 10}.000Z`,
  actorId: "u1",
  actorLabel: "facilitator@example.org (FACILITATOR)",
  action: "modify",
  resourceType: "session",
  resourceId: "s1",
  detail,
});

function chainOf(rows: ChainRow[]) {
  let prev = GENESIS_HASH;
  return rows.map((r, i) => {
    const seq = String(i + 1);
    const hash = linkHash(prev, contentHash(seq, r));
    const link = { seq, prevHash: prev, hash, row: r };
    prev = hash;
    return link;
  });
}

describe("canonical encoding", () => {
  it("sorts keys at every level and drops undefined, so key order never changes a hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(contentHash("1", row(1, { a: 1, b: 2 }))).toBe(contentHash("1", row(1, { b: 2, a: 1 })));
  });

  it("refuses values JSON cannot carry exactly, naming where", () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow("/a/1");
    expect(() => canonicalJson({ f: () => 1 })).toThrow("/f");
  });

  it("binds the seq, so a row moved to another place gets another hash", () => {
    expect(contentHash("1", row(1))).not.toBe(contentHash("2", row(1)));
  });
});

describe("chain walker", () => {
  it("accepts an intact chain and reports its head", () => {
    const links = chainOf([row(1), row(2), row(3)]);
    const w = new ChainWalker();
    for (const l of links) expect(w.push(l)).toBe(true);
    expect(w.problem).toBeUndefined();
    expect(w.head).toEqual({ seq: "3", hash: links[2].hash });
  });

  it("names the first changed row", () => {
    const links = chainOf([row(1), row(2), row(3)]);
    links[1] = { ...links[1], row: { ...links[1].row, action: "delete" } };
    const w = new ChainWalker();
    links.forEach((l) => w.push(l));
    expect(w.problem).toMatchObject({ seq: "2", auditId: "2" });
    expect(w.problem?.reason).toMatch(/changed after it was written/);
  });

  it("names a missing link and a re-linked row", () => {
    const links = chainOf([row(1), row(2), row(3)]);
    const gap = new ChainWalker();
    [links[0], links[2]].forEach((l) => gap.push(l));
    expect(gap.problem).toMatchObject({ seq: "3" });
    expect(gap.problem?.reason).toMatch(/expected link 2/);

    const relinked = new ChainWalker();
    relinked.push(links[0]);
    relinked.push({ ...links[1], prevHash: GENESIS_HASH });
    expect(relinked.problem).toMatchObject({ seq: "2" });
  });

  it("walks a segment of content hashes from a stated start to the same head", () => {
    const links = chainOf([row(1), row(2), row(3), row(4)]);
    const w = new ChainWalker({ seq: 2n, prevHash: links[0].hash });
    w.push({ seq: "2", row: links[1].row });
    w.push({ seq: "3", contentHash: contentHash("3", links[2].row) });
    w.push({ seq: "4", row: links[3].row });
    expect(w.problem).toBeUndefined();
    expect(w.head.hash).toBe(links[3].hash);
  });
});

describe("checkpoint signatures", () => {
  it("verifies an Ed25519 signature and refuses one over another hash or under another key id", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
    const pub = publicKey.export({ format: "der", type: "spki" }).toString("base64");
    const body = { seq: "3", hash: "a".repeat(64), at: "2026-12-03T10:00:00.000Z", keyId: keyIdOf(pub) };
    const signature = crypto.sign(null, checkpointMessage(body), privateKey).toString("base64");
    expect(checkpointSignatureValid({ ...body, publicKey: pub, signature })).toBe(true);
    expect(checkpointSignatureValid({ ...body, hash: "b".repeat(64), publicKey: pub, signature })).toBe(false);
    expect(checkpointSignatureValid({ ...body, keyId: "ed25519:0000000000000000", publicKey: pub, signature })).toBe(false);
  });
});
