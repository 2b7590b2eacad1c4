// AES-256-GCM for personal fields and for wrapping data keys (node:crypto only), and the
// keyed index that lets the database keep display names unique without seeing them.
// Every ciphertext is bound to where it belongs (associated data: field and owner id), so
// a value copied into another row or field does not decrypt.
import crypto from "node:crypto";

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks an encrypted text column value (version 1: base64url of iv | ciphertext | tag). */
export const SEALED_PREFIX = "rr1.";

export class CryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CryptoError";
  }
}

export function newKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

export function seal(key: Buffer, aad: string, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new CryptoError("ciphertext is too short");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new CryptoError("ciphertext does not authenticate under this key");
  }
}

/** A text column's stored form. */
export function sealText(key: Buffer, aad: string, text: string): string {
  return SEALED_PREFIX + seal(key, aad, Buffer.from(text, "utf8")).toString("base64url");
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export function openText(key: Buffer, aad: string, stored: string): string {
  if (!isSealed(stored)) throw new CryptoError("value is not encrypted");
  return open(key, aad, Buffer.from(stored.slice(SEALED_PREFIX.length), "base64url")).toString("utf8");
}

/**
 * HMAC of a display name under its session's key: equal names give equal indexes within
 * one session, so a unique index refuses duplicates, and nobody without the key can test
 * a guessed name against it.
 */
export function nameIndex(sessionKey: Buffer, name: string): Buffer {
  return crypto.createHmac("sha256", sessionKey).update("participant-name\u0000").update(name, "utf8").digest();
}

/** Where each encrypted value belongs: its associated data. */
export const AAD = {
  dataKey: (scope: "session" | "participant", ownerId: string) => `data-key:${scope}:${ownerId}`,
  displayName: (participantId: string) => `participants.display_name:${participantId}`,
  answer: (participantId: string) => `responses.text:${participantId}`,
  joinToken: (participantId: string) => `processed_commands.join-token:${participantId}`,
  drillToken: (invitationId: string) => `drill_invitations.token_sealed:${invitationId}`,
} as const;
