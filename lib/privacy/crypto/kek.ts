// The key-encryption key (KEK): it wraps every data key and is never stored in the
// database. Two sources:
// - a keyring file (`DATA_DIR/kek.json`, mode 0600), the embedded default; the app rotates
//   it itself after every erasure;
// - the environment (`READYROOM_KEK`, `READYROOM_KEK_ID`, `READYROOM_KEK_PREVIOUS`), for
//   real PostgreSQL and several nodes; the operator rotates it (docs/privacy.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { KEY_BYTES } from "@/lib/privacy/crypto/cipher";

export type Kek = { id: string; key: Buffer };

export interface KekSource {
  readonly kind: "file" | "env";
  /** The KEK new data keys are wrapped under. */
  current(): Kek;
  /** A KEK by id: the current one or a retired one still listed for re-wrapping. */
  find(id: string): Kek | undefined;
  /** KEKs kept only so their data keys can be re-wrapped under the current one. */
  retired(): Kek[];
  /** Whether the app may replace the KEK itself (a file it owns). */
  readonly canRotate: boolean;
  /** Starts a rotation: a new current KEK, the old one kept as retired until `finishRotation`. */
  beginRotation(): Kek;
  /** Destroys every retired KEK. */
  finishRotation(): void;
}

export class KekConfigError extends Error {}

export const KEK_FILE = "kek.json";
const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) {
    throw new KekConfigError(`${where} must be ${KEY_BYTES} random bytes in base64 (generate one with \`openssl rand -base64 32\`)`);
  }
  return key;
}

function newKekId(): string {
  return `k${new Date().toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}-${crypto.randomBytes(4).toString("hex")}`;
}

type KeyringFile = { current: { id: string; key: string }; retired?: Array<{ id: string; key: string }> };

/** The embedded default: a keyring file the app owns, created on first use. */
export class FileKekSource implements KekSource {
  readonly kind = "file" as const;
  readonly canRotate = true;
  private ring: { current: Kek; retired: Kek[] } | undefined;
  private stamp = "";

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): FileKekSource {
    return new FileKekSource(path.join(dataDir, KEK_FILE));
  }

  /** Another process (the admin CLI) may have rotated the file: reload when it changed. */
  private load(): { current: Kek; retired: Kek[] } {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    if (!stat) {
      if (this.ring) throw new KekConfigError(`the key file ${this.file} has disappeared; restore it, or no encrypted data can be read`);
      const current = { id: newKekId(), key: crypto.randomBytes(KEY_BYTES) };
      this.write({ current, retired: [] }, "wx");
      return this.load();
    }
    const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    if (this.ring && stamp === this.stamp) return this.ring;
    if ((stat.mode & 0o077) !== 0) fs.chmodSync(this.file, 0o600);
    let raw: KeyringFile;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, "utf8")) as KeyringFile;
    } catch {
      throw new KekConfigError(`the key file ${this.file} is not valid JSON; restore it from where you keep it`);
    }
    const parse = (k: { id: string; key: string } | undefined, where: string): Kek => {
      if (!k || typeof k.id !== "string" || !ID_PATTERN.test(k.id) || typeof k.key !== "string") throw new KekConfigError(`${this.file}: ${where} must be { "id": "...", "key": "<base64>" }`);
      return { id: k.id, key: decodeKey(k.key, `${this.file}: ${where}/key`) };
    };
    this.ring = { current: parse(raw.current, "/current"), retired: (raw.retired ?? []).map((k, i) => parse(k, `/retired/${i}`)) };
    this.stamp = stamp;
    return this.ring;
  }

  /** Writes the whole keyring to a new file and renames it into place, so a crash leaves one or the other. */
  private write(ring: { current: Kek; retired: Kek[] }, flag: "w" | "wx" = "w") {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const body: KeyringFile = {
      current: { id: ring.current.id, key: ring.current.key.toString("base64") },
      ...(ring.retired.length ? { retired: ring.retired.map((k) => ({ id: k.id, key: k.key.toString("base64") })) } : {}),
    };
    const target = flag === "wx" ? this.file : `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(target, flag, 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(body) + "\n");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (target !== this.file) fs.renameSync(target, this.file);
    const dir = fs.openSync(path.dirname(this.file), "r");
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    this.ring = undefined;
  }

  current(): Kek {
    return this.load().current;
  }

  find(id: string): Kek | undefined {
    const ring = this.load();
    return [ring.current, ...ring.retired].find((k) => k.id === id);
  }

  retired(): Kek[] {
    return this.load().retired;
  }

  beginRotation(): Kek {
    const ring = this.load();
    const next = { id: newKekId(), key: crypto.randomBytes(KEY_BYTES) };
    this.write({ current: next, retired: [ring.current, ...ring.retired] });
    return next;
  }

  finishRotation(): void {
    const ring = this.load();
    this.write({ current: ring.current, retired: [] });
  }
}

/**
 * The KEK from the environment: `READYROOM_KEK` (32 bytes, base64) with its id
 * `READYROOM_KEK_ID`, and during a rotation the earlier ones in `READYROOM_KEK_PREVIOUS`
 * (`id:base64`, comma-separated). Only the operator can replace it.
 */
export class EnvKekSource implements KekSource {
  readonly kind = "env" as const;
  readonly canRotate = false;
  private readonly kek: Kek;
  private readonly previous: Kek[];

  constructor(env: Record<string, string | undefined>) {
    const id = env.READYROOM_KEK_ID?.trim() || "env-1";
    if (!ID_PATTERN.test(id)) throw new KekConfigError("READYROOM_KEK_ID may only contain letters, digits, '.', '_' and '-' (at most 64)");
    this.kek = { id, key: decodeKey(env.READYROOM_KEK ?? "", "READYROOM_KEK") };
    this.previous = (env.READYROOM_KEK_PREVIOUS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry, i) => {
        const at = entry.indexOf(":");
        const pid = entry.slice(0, at);
        if (at < 1 || !ID_PATTERN.test(pid)) throw new KekConfigError(`READYROOM_KEK_PREVIOUS entry ${i + 1} must be id:base64`);
        if (pid === id) throw new KekConfigError(`READYROOM_KEK_PREVIOUS entry ${i + 1} has the same id as READYROOM_KEK_ID ("${id}"); give the new key a new id`);
        return { id: pid, key: decodeKey(entry.slice(at + 1), `READYROOM_KEK_PREVIOUS entry ${i + 1}`) };
      });
  }

  current(): Kek {
    return this.kek;
  }

  find(id: string): Kek | undefined {
    return [this.kek, ...this.previous].find((k) => k.id === id);
  }

  retired(): Kek[] {
    return this.previous;
  }

  beginRotation(): Kek {
    throw new KekConfigError("the KEK comes from READYROOM_KEK: rotate it by deploying a new key (docs/privacy.md)");
  }

  finishRotation(): void {
    throw new KekConfigError("the KEK comes from READYROOM_KEK: rotate it by deploying a new key (docs/privacy.md)");
  }
}

/**
 * The KEK source for this process: READYROOM_KEK when set; otherwise the keyring file in
 * DATA_DIR, which only the embedded default may use (the nodes of a real PostgreSQL
 * installation do not share a data directory).
 */
export function kekSourceFromEnv(env: Record<string, string | undefined>, where: { embedded: boolean; dataDir: string }): KekSource {
  if (env.READYROOM_KEK?.trim()) return new EnvKekSource(env);
  if (!where.embedded) {
    throw new KekConfigError("READYROOM_KEK is required with DATABASE_URL: every node needs the same key-encryption key; generate one with `openssl rand -base64 32` (docs/deploy.md)");
  }
  return FileKekSource.inDataDir(where.dataDir);
}
