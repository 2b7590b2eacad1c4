// Liveness and database reachability for /api/health.
import { databaseKind, getPrisma } from "@/lib/db/client";
import { APP_VERSION } from "@/lib/version";

export type Health = { status: "ok" | "degraded"; db: "embedded" | "postgres"; version: string };

export async function checkHealth(): Promise<Health> {
  const db = databaseKind();
  try {
    await getPrisma().$queryRaw`select 1`;
    return { status: "ok", db, version: APP_VERSION };
  } catch {
    return { status: "degraded", db, version: APP_VERSION };
  }
}
