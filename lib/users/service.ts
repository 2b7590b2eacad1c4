// User accounts: creation with validated input and hashed passwords.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ZPersonName } from "@/lib/security/text";
import { ROLES, type SignedInUser } from "@/lib/auth/types";
import { audit } from "@/lib/audit/log";
import { canHoldApiToken } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors/domain-error";

export const ZNewUser = z
  .strictObject({
    email: z.string().trim().toLowerCase().email("is not a valid e-mail address").max(320),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
    password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(1024),
    name: ZPersonName(200).optional(),
  })
  .superRefine((u, ctx) => {
    const problem = passwordProblem(u.password, [u.email, u.name]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type NewUser = z.input<typeof ZNewUser>;

export async function createUser(prisma: PrismaClient, input: NewUser) {
  const parsed = ZNewUser.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "input");
    throw new DomainError("INVALID_INPUT", `${field} ${issue.message}`, issue.path.length ? `/${field}` : undefined);
  }
  const { email, role, password, name } = parsed.data;
  if (await prisma.user.findUnique({ where: { email } })) throw new DomainError("USER_EXISTS", `a user with e-mail ${email} already exists`, "/email");
  return prisma.user.create({
    data: { email, role, name, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, role: true, name: true, createdAt: true },
  });
}

/** What an admin may change on an account. Unknown keys are refused, not ignored. */
export const ZUserPatch = z.strictObject({
  name: ZPersonName(200).nullable().optional(),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).optional(),
  active: z.boolean().optional(),
});

export const USER_SELECT = { id: true, email: true, name: true, role: true, active: true, createdAt: true, lastLoginAt: true } as const;

export async function listUsers(prisma: PrismaClient, q?: string) {
  const term = q?.trim().slice(0, 200);
  return prisma.user.findMany({
    where: term ? { OR: [{ email: { contains: term, mode: "insensitive" } }, { name: { contains: term, mode: "insensitive" } }] } : {},
    orderBy: [{ role: "asc" }, { email: "asc" }],
    take: 500,
    select: USER_SELECT,
  });
}

const userNotFound = (id: string) => new DomainError("USER_NOT_FOUND", `no user has the id ${id}`);

/**
 * Applies an admin's change to another account, audited with old and new values.
 * Nobody changes their own role or switches themselves off: an admin could otherwise
 * lock every admin out.
 */
export async function updateUser(prisma: PrismaClient, actor: SignedInUser, id: string, raw: unknown) {
  const patch = ZUserPatch.parse(raw);
  const before = await prisma.user.findUnique({ where: { id }, select: USER_SELECT });
  if (!before) throw userNotFound(id);
  if (id === actor.id && (patch.role !== undefined || patch.active !== undefined)) {
    throw new DomainError("NOT_ALLOWED_ON_SELF", "you cannot change your own role or switch off your own account; ask another administrator");
  }
  const changed: Record<string, { old: unknown; new: unknown }> = {};
  for (const k of ["name", "role", "active"] as const) {
    if (patch[k] !== undefined && patch[k] !== before[k]) changed[k] = { old: before[k], new: patch[k] };
  }
  if (Object.keys(changed).length === 0) return { user: before, changed: [] as string[] };
  const user = await prisma.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id }, data: patch, select: USER_SELECT });
    // A switched-off account's API tokens stop working at once.
    // So do the tokens of someone whose new role may not hold them.
    if (patch.active === false || (patch.role !== undefined && !canHoldApiToken(patch.role))) {
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    await audit(tx, actor, "modify", "user", id, { fields: Object.keys(changed) });
    return u;
  });
  return { user, changed: Object.keys(changed) };
}

/**
 * Deletes a staff account. Its sessions and scenarios stay (their owner becomes empty), its
 * API tokens and linked sign-in identities go; the audit log keeps the e-mail it acted as.
 */
export async function deleteUser(prisma: PrismaClient, actor: SignedInUser, id: string) {
  if (id === actor.id) throw new DomainError("NOT_ALLOWED_ON_SELF", "you cannot delete your own account; ask another administrator");
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: USER_SELECT });
    if (!user) throw userNotFound(id);
    await tx.user.delete({ where: { id } });
    await audit(tx, actor, "delete", "user", id);
    return { id, email: user.email };
  });
}
