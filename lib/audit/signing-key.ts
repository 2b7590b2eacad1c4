// The instance's Ed25519 signing key: it signs audit-chain checkpoints and evidence-pack
// manifests. Kept like the KEK (lib/privacy/crypto/kek.ts), never in the database:
// - `READYROOM_SIGNING_KEY` (PKCS#8, PEM or base64 DER), for real PostgreSQL and several
//   nodes, so every node signs with the same key;
// - otherwise `DATA_DIR/signing-key.pem` (mode 0600), created on first use.
// Its public half and id are published in every checkpoint and pack, so verifiers need no secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { keyIdOf } from "@/lib/audit/chain";

export const SIGNING_KEY_FILE = "signing-key.pem";

export type SigningKey = { id: string; publicKey: string; source: "env" | "file"; sign(message: Buffer): string };

export class SigningKeyError extends Error {}

function fromPrivate(privateKey: crypto.KeyObject, source: SigningKey["source"], where: string): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`${where} must be an Ed25519 private key (generate one with \`openssl genpkey -algorithm ed25519\`)`);
  const publicKey = crypto.createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64");
  return { id: keyIdOf(publicKey), publicKey, source, sign: (message) => crypto.sign(null, message, privateKey).toString("base64") };
}

function parsePrivate(text: string, where: string): crypto.KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith("-----BEGIN")) return crypto.createPrivateKey(trimmed);
    return crypto.createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new SigningKeyError(`${where} is not a PKCS#8 private key in PEM or base64 (generate one with \`openssl genpkey -algorithm ed25519\`)`);
  }
}

/** Reads the key file, creating it (exclusively, so two processes agree on one key) when missing. */
function fromFile(file: string): SigningKey {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      try {
        fs.writeFileSync(fd, privateKey.export({ format: "pem", type: "pkcs8" }));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return fromPrivate(parsePrivate(fs.readFileSync(file, "utf8"), file), "file", file);
}

export function signingKeyFromEnv(env: Record<string, string | undefined>): SigningKey {
  const text = env.READYROOM_SIGNING_KEY;
  if (text?.trim()) return fromPrivate(parsePrivate(text, "READYROOM_SIGNING_KEY"), "env", "READYROOM_SIGNING_KEY");
  return fromFile(path.join(path.resolve(env.DATA_DIR || ".data"), SIGNING_KEY_FILE));
}

const CACHE = Symbol.for("readyroom.signingKey");

/** This process's key, loaded once (route bundles share it through globalThis). */
export function instanceSigningKey(): SigningKey {
  const g = globalThis as { [CACHE]?: SigningKey };
  return (g[CACHE] ??= signingKeyFromEnv(process.env));
}
