// Prisma CLI configuration. Migrations run offline through the bundled WebAssembly
// schema engine and a driver adapter, so no engine binary is downloaded.
// The adapter here must be @prisma/adapter-pg 7.x: 6.19.3's own adapter fails to
// read `name`-typed columns during migrate ("could not be deserialized").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg-7";

type Connected = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg splits a migration script on every ";", which breaks PL/pgSQL bodies
 * (our append-only triggers). Postgres' simple-query protocol runs a whole script in
 * one round trip and one implicit transaction, so send it unsplit.
 */
function sendScriptsWhole(adapter: Connected): Connected {
  const driver = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> };
  adapter.executeScript = async (script: string) => {
    try {
      await driver.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the migration needs a database to talk to");
    const factory = new PrismaPg({ connectionString });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => sendScriptsWhole(await connect());
    return factory;
  },
});
