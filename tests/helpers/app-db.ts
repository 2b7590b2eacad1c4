// A second database connection into a running app's embedded database (its address is in
// DATA_DIR/embedded-db.json), for tests that inspect what the app stored.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { EMBEDDED_ADDRESS_FILE, type EmbeddedAddress } from "@/lib/db/embedded";
import type { RunningApp } from "./app";

export function openAppDatabase(app: RunningApp): PrismaClient {
  const { url } = JSON.parse(fs.readFileSync(path.join(app.dataDir, EMBEDDED_ADDRESS_FILE), "utf8")) as EmbeddedAddress;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}
