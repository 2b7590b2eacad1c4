// The KEK sources: the keyring file of the embedded default (mode 0600, rotation keeps the
// current key and destroys the old), and the environment's READYROOM_KEK with clear errors.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvKekSource, FileKekSource, KekConfigError, kekSourceFromEnv } from "@/lib/privacy/crypto/kek";
import { AAD, open, seal, sealText, openText } from "@/lib/privacy/crypto/cipher";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "rr-kek-"));
  dirs.push(d);
  return d;
};

describe("keyring file", () => {
  it("is created with mode 0600, and a rotation makes a new current key and destroys the old", () => {
    const dir = tmp();
    const source = FileKekSource.inDataDir(dir);
    const first = source.current();
    expect(fs.statSync(path.join(dir, "kek.json")).mode & 0o777).toBe(0o600);
    const wrapped = seal(first.key, AAD.dataKey("participant", "p1"), Buffer.alloc(32, 7));
    const next = source.beginRotation();
    expect(next.id).not.toBe(first.id);
    // During the rotation the old one is still there for re-wrapping; another process sees it too.
    expect(new FileKekSource(path.join(dir, "kek.json")).find(first.id)?.key).toEqual(first.key);
    source.finishRotation();
    const other = new FileKekSource(path.join(dir, "kek.json"));
    expect(other.current().id).toBe(next.id);
    expect(other.find(first.id)).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, "kek.json"), "utf8")).not.toContain(first.key.toString("base64"));
    expect(() => open(other.current().key, AAD.dataKey("participant", "p1"), wrapped)).toThrow();
    expect(fs.statSync(path.join(dir, "kek.json")).mode & 0o777).toBe(0o600);
  });
});

describe("READYROOM_KEK", () => {
  const key = crypto.randomBytes(32).toString("base64");
  it("takes a 32-byte base64 key with an id and earlier keys for re-wrapping", () => {
    const old = crypto.randomBytes(32).toString("base64");
    const s = new EnvKekSource({ READYROOM_KEK: key, READYROOM_KEK_ID: "k2", READYROOM_KEK_PREVIOUS: `k1:${old}` });
    expect(s.current().id).toBe("k2");
    expect(s.retired().map((k) => k.id)).toEqual(["k1"]);
    expect(s.canRotate).toBe(false);
  });
  it("refuses bad values with a message naming the variable", () => {
    expect(() => new EnvKekSource({ READYROOM_KEK: "c2hvcnQ=" })).toThrow(/READYROOM_KEK must be 32 random bytes/);
    expect(() => new EnvKekSource({ READYROOM_KEK: key, READYROOM_KEK_PREVIOUS: "nokey" })).toThrow(/READYROOM_KEK_PREVIOUS entry 1/);
    expect(() => new EnvKekSource({ READYROOM_KEK: key, READYROOM_KEK_ID: "a b" })).toThrow(/READYROOM_KEK_ID/);
    expect(() => new EnvKekSource({ READYROOM_KEK: key, READYROOM_KEK_ID: "k1", READYROOM_KEK_PREVIOUS: `k1:${key}` })).toThrow(/same id/);
  });
  it("is required with a real PostgreSQL server; the embedded default uses the file", () => {
    expect(() => kekSourceFromEnv({ DATABASE_URL: "postgresql://x/y" }, { embedded: false, dataDir: tmp() })).toThrow(KekConfigError);
    expect(kekSourceFromEnv({}, { embedded: true, dataDir: tmp() }).kind).toBe("file");
    expect(kekSourceFromEnv({ READYROOM_KEK: key }, { embedded: false, dataDir: tmp() }).kind).toBe("env");
  });
});

describe("sealed text", () => {
  it("is bound to its field and owner", () => {
    const k = crypto.randomBytes(32);
    const stored = sealText(k, AAD.displayName("p1"), "Ada");
    expect(openText(k, AAD.displayName("p1"), stored)).toBe("Ada");
    expect(() => openText(k, AAD.displayName("p2"), stored)).toThrow();
    expect(() => openText(k, AAD.answer("p1"), stored)).toThrow();
  });
});
