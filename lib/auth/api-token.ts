// API tokens for the automation API: random, shown once, stored as SHA-256, revocable.
import crypto from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignIn, Role } from "@/lib/auth/types";
import { canHoldApiToken } from "@/lib/auth/permissions";

const PREFIX = "rr_";

/** `POST /api/tokens`: a name, and optionally a lifetime (without one the token lasts until revoked). */
export const ZNewToken = z.strictObject({
  name: z.string().trim().min(1, "give the token a name").max(80),
  expiresInDays: z.number().int().min(1).max(365).nullable().optional(),
});

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(prisma: PrismaClient, userId: string, name: string, expiresAt?: Date | null) {
  const token = `${PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const row = await prisma.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt: expiresAt ?? null },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
  });
  return { token, ...row };
}

export async function revokeApiToken(prisma: PrismaClient, userId: string, id: string): Promise<boolean> {
  const r = await prisma.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}

/** The session behind a Bearer token, or null when it is unknown, revoked or expired. */
export async function sessionFromApiToken(prisma: PrismaClient, token: string): Promise<SignIn | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date()) || !row.user.active) return null;
  // The role is read on every use: a token of someone whose role no longer allows tokens is dead.
  if (!canHoldApiToken(row.user.role as Role)) return null;
  await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const u = row.user;
  return { user: { id: u.id, email: u.email, name: u.name, role: u.role as Role } };
}

/** A user's own API tokens, newest first (never the secret itself, which is stored only as a hash). */
export function listApiTokens(prisma: PrismaClient, userId: string) {
  return prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}
