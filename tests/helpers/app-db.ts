// A Prisma client on a running test app's embedded database (through the address the app
// records in its data dir), for seeding data that would take long to play through the UI.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/db/connect";
import { attachKeyring } from "@/lib/privacy/crypto/keyring";
import { FileKekSource } from "@/lib/privacy/crypto/kek";
import { readRunningAddress } from "@/lib/db/embedded";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/types";
import type { AppHandle } from "./app";

export function appDatabase(app: AppHandle): PrismaClient {
  const address = readRunningAddress(app.dataDir);
  if (!address) throw new Error(`no embedded database address in ${app.dataDir}`);
  const prisma = createDatabaseClient(address.url, { max: 2 });
  // The app's own keyring file: the test reads and writes personal fields as the app does.
  attachKeyring(prisma, FileKekSource.inDataDir(app.dataDir));
  return prisma;
}

/** Creates a user who can sign in with the password. */
export async function createUser(prisma: PrismaClient, email: string, role: Role, password = "correct horse battery") {
  return prisma.user.create({ data: { email, role, name: email.split("@")[0], passwordHash: await hashPassword(password) } });
}
