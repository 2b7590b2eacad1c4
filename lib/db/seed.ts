// First-run data: demo accounts on the embedded default (or with SEED_DEMO=1).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";

/** `password` is null when the account was created elsewhere (another node or an earlier data dir). */
export type DemoLogin = { role: Role; email: string; password: string | null };

const DEMO_ACCOUNTS: Array<{ role: Role; email: string; name: string }> = [
  { role: "ADMIN", email: "admin@readyroom.local", name: "Ada Admin" },
  { role: "FACILITATOR", email: "facilitator@readyroom.local", name: "Felix Facilitator" },
  { role: "MANAGER", email: "manager@readyroom.local", name: "Maja Manager" },
];

const DEMO_FILE = "demo-logins.json";

/**
 * Creates the demo accounts once, with passwords generated for this install and
 * kept in DATA_DIR (mode 0600) so they can be printed at every start.
 */
export async function seedDemoAccounts(prisma: PrismaClient, dataDir: string): Promise<DemoLogin[]> {
  const file = path.join(dataDir, DEMO_FILE);
  let known: DemoLogin[] = [];
  try {
    known = JSON.parse(fs.readFileSync(file, "utf8")) as DemoLogin[];
  } catch {
    // first start with this data dir
  }
  const logins: DemoLogin[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const remembered = known.find((l) => l.email === account.email)?.password ?? null;
    const exists = await prisma.user.findUnique({ where: { email: account.email } });
    if (exists) {
      logins.push({ role: account.role, email: account.email, password: remembered });
      continue;
    }
    const password = remembered ?? `${account.role.toLowerCase()}-${crypto.randomBytes(6).toString("base64url")}`;
    await prisma.user.create({
      data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(password) },
    });
    logins.push({ role: account.role, email: account.email, password });
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}
