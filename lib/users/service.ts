// User accounts: creation with validated input and hashed passwords.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/types";

export const ZNewUser = z.object({
  email: z.string().trim().toLowerCase().email("is not a valid e-mail address").max(320),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(1024),
  name: z.string().trim().min(1).max(200).optional(),
});
export type NewUser = z.input<typeof ZNewUser>;

export class UserInputError extends Error {}

export async function createUser(prisma: PrismaClient, input: NewUser) {
  const parsed = ZNewUser.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`${String(issue.path[0] ?? "input")} ${issue.message}`);
  }
  const { email, role, password, name } = parsed.data;
  if (await prisma.user.findUnique({ where: { email } })) throw new UserInputError(`a user with e-mail ${email} already exists`);
  return prisma.user.create({
    data: { email, role, name, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, role: true, name: true, createdAt: true },
  });
}
