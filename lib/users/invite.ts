// Inviting staff from the users page: an account without a password plus a one-time
// set-password link, shown to the admin once. Only the SHA-256 of the link's token is stored;
// a link works once, expires after SETUP_LINK_TTL_HOURS, and a newer link replaces older ones.
// Setting the password follows the same policy as every other password (password-policy.ts).
// Audit rows name the account by id and say how it came about, never its e-mail or name.
import crypto from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/auth/api-token";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ZPersonName } from "@/lib/security/text";
import { ROLES, type SignedInUser } from "@/lib/auth/types";
import { audit } from "@/lib/audit/log";
import { DomainError } from "@/lib/errors/domain-error";

export const SETUP_LINK_TTL_HOURS = 72;
const TOKEN_PREFIX = "rrs_";

/** Staff roles an admin may invite; participants join exercises with a code instead. */
export const INVITABLE_ROLES = ROLES.filter((r) => r !== "PARTICIPANT");

export const ZInvite = z.strictObject({
  email: z.string().trim().toLowerCase().email("is not a valid e-mail address").max(320),
  role: z.enum(INVITABLE_ROLES as [string, ...string[]], { error: `must be one of ${INVITABLE_ROLES.join(", ")}` }),
  name: ZPersonName(200).optional(),
});

export const ZSetPassword = z.strictObject({
  token: z.string().min(1, "is missing: open the whole link you were given").max(200),
  password: z.string().max(1024),
});

/** Why a link cannot be used: each reason has its own message on the set-password page. */
export type SetupLinkProblem = "unknown" | "used" | "expired" | "inactive";

export class SetupLinkError extends DomainError {
  constructor(readonly reason: SetupLinkProblem) {
    super(
      `LINK_${reason.toUpperCase() as Uppercase<SetupLinkProblem>}`,
      {
        unknown: "this link is not valid: check that you opened the whole link, or ask an administrator for a new one",
        used: "this link has already been used; sign in with your password, or ask an administrator for a new link",
        expired: `this link has expired (links work for ${SETUP_LINK_TTL_HOURS} hours); ask an administrator for a new one`,
        inactive: "this account is deactivated; ask an administrator",
      }[reason],
    );
  }
}

/** A refused password, with a reason code the set-password page words in the reader's language. */
export type WeakReason = "short" | "own" | "common" | "guessable";
export class PasswordPolicyError extends DomainError {
  readonly reason: WeakReason;
  constructor(problem: string) {
    // password-policy.ts words its four refusals in English for API clients; these are their openings.
    const reason: WeakReason = problem.startsWith("must be at least") ? "short" : problem.includes("own name") ? "own" : problem.includes("common or breached") ? "common" : "guessable";
    super("WEAK_PASSWORD", `password ${problem}`, "/password", [{ path: "/password", message: problem, reason }]);
    this.reason = reason;
  }
}

export type IssuedLink = { token: string; path: string; expiresAt: Date };

/** A new link for the account; older unused links of the same account stop working. */
async function issueLink(tx: Pick<PrismaClient, "passwordSetupLink">, userId: string, createdById: string, now: Date): Promise<IssuedLink> {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_HOURS * 3_600_000);
  await tx.passwordSetupLink.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.passwordSetupLink.create({ data: { userId, tokenHash: hashToken(token), createdById, expiresAt } });
  // The token travels in the fragment: browsers never send it to the server or in a Referer.
  return { token, path: `/set-password#token=${token}`, expiresAt };
}

/** Creates the account (no password yet) and its first link, audited together. */
export async function inviteUser(prisma: PrismaClient, actor: SignedInUser, raw: unknown, now = new Date()) {
  const input = ZInvite.parse(raw);
  if (await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new DomainError("USER_EXISTS", `email: a user with e-mail ${input.email} already exists`, "/email");
  }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, role: input.role as (typeof INVITABLE_ROLES)[number], name: input.name },
      select: { id: true, email: true, name: true, role: true },
    });
    const link = await issueLink(tx, user.id, actor.id, now);
    await audit(tx, actor, "create", "user", user.id, { via: "invite", fields: input.name ? ["email", "name", "role"] : ["email", "role"] });
    return { user, link };
  });
}

/** A fresh link for an existing account (a lost invitation, a forgotten password). */
export async function reissueSetupLink(prisma: PrismaClient, actor: SignedInUser, userId: string, now = new Date()): Promise<IssuedLink> {
  if (userId === actor.id) throw new DomainError("NOT_ALLOWED_ON_SELF", "you cannot issue a set-password link for your own account; ask another administrator");
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, active: true, role: true } });
    if (!user) throw new DomainError("USER_NOT_FOUND", `no user has the id ${userId}`);
    if (!user.active) throw new DomainError("INVALID_STATE", "this account is deactivated; reactivate it before sending a set-password link");
    const link = await issueLink(tx, userId, actor.id, now);
    await audit(tx, actor, "modify", "user", userId, { change: "setupLink", fields: ["password"] });
    return link;
  });
}

/** What the set-password page shows before the form: whose account, or why the link is dead. */
export async function inspectSetupLink(prisma: PrismaClient, token: string, now = new Date()) {
  const row = token.startsWith(TOKEN_PREFIX) && token.length <= 200
    ? await prisma.passwordSetupLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { id: true, email: true, name: true, role: true, active: true } } } })
    : null;
  if (!row) throw new SetupLinkError("unknown");
  if (row.usedAt) throw new SetupLinkError("used");
  if (row.expiresAt <= now) throw new SetupLinkError("expired");
  if (!row.user.active) throw new SetupLinkError("inactive");
  return row;
}

/**
 * Sets the password behind a link and spends the link. The link is claimed with a
 * conditional update, so two tabs racing with the same link cannot both succeed.
 */
export async function setPasswordWithLink(prisma: PrismaClient, raw: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = ZSetPassword.parse(raw);
  const row = await inspectSetupLink(prisma, token, now);
  const problem = passwordProblem(password, [row.user.email, row.user.name]);
  if (problem) throw new PasswordPolicyError(problem);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordSetupLink.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count === 0) throw new SetupLinkError("used");
    // Raising the session version ends any cookie issued under the old password.
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await audit(tx, { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role as SignedInUser["role"] }, "modify", "user", row.userId, { change: "setPassword", via: "setupLink", fields: ["password"] });
  });
  return { email: row.user.email };
}
