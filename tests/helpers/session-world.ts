// What the session service's integration tests start from: a fixture scenario imported into
// the catalogue, and staff accounts to run sessions with.
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";
import type { SignedInUser } from "@/lib/auth/types";
import { ROOT } from "./app";

/** Imports a scenario file of tests/fixtures/scenarios; returns its id. */
export async function importFixtureScenario(prisma: PrismaClient, name = "live-drill.json"): Promise<string> {
  const text = fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios", name), "utf8");
  const r = await importScenarioText(prisma, text, { source: "upload" });
  if (!r.ok) throw new Error(`fixture ${name} does not lint`);
  return r.id;
}

/** A staff account, as the session service sees a signed-in user. */
export async function createStaff(prisma: PrismaClient, email: string, role: "FACILITATOR" | "ADMIN" | "MANAGER" = "FACILITATOR"): Promise<SignedInUser> {
  const u = await prisma.user.create({ data: { email, role, name: role[0] } });
  return { id: u.id, email: u.email, name: u.name, role };
}
