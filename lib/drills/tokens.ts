// Personal drill tokens. One random token per person is the whole link; the database keeps
// two different hashes of it: one on the invitation ("invite:") and one on the run ("run:").
// Whoever holds the token can reach both; whoever holds only the database cannot tell which
// run belongs to which invitation, which is what keeps an anonymous drill's answers apart
// from the people invited to it (docs/privacy.md).
import crypto from "node:crypto";

export function newDrillToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

export const invitationHash = (token: string) => sha256(`invite:${token}`);
export const runHash = (token: string) => sha256(`run:${token}`);
export const openLinkHash = (token: string) => sha256(`open:${token}`);

/** A personal token has the shape newDrillToken() makes; anything else is refused before a lookup. */
export function isDrillToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}

/** Anonymous drills keep invitation progress to the day, so its times cannot be matched with a run's. */
export function progressTime(now: Date, anonymous: boolean): Date {
  if (!anonymous) return now;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The personal link of a token, under the app's public address. */
export const drillLink = (base: string, token: string) => `${base.replace(/\/+$/, "")}/drill/${token}`;
export const openDrillLink = (base: string, token: string) => `${base.replace(/\/+$/, "")}/drill/open/${token}`;
