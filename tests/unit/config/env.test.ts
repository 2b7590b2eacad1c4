import { describe, expect, it } from "vitest";
import { parseEnv, EnvError } from "@/lib/config/env";

describe("parseEnv", () => {
  it("defaults to the embedded database on port 3000", () => {
    const env = parseEnv({});
    expect(env.embedded).toBe(true);
    expect(env.PORT).toBe(3000);
    expect(env.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: "abc" }, /^PORT must be a number \(got "abc"\)/],
    [{ PORT: "70000" }, /^PORT must be between 0 and 65535/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ DATABASE_URL: "postgresql://h/db" }, /^NEXTAUTH_SECRET is required with DATABASE_URL/],
    [{ NEXTAUTH_SECRET: "short" }, /^NEXTAUTH_SECRET must be at least 32 characters \(got "\*\*\*"\)/],
    [{ OIDC_ISSUER: "https://id.example.com" }, /^OIDC_ISSUER must be set together with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/],
    [{ REDIS_URL: "http://x" }, /^REDIS_URL must be a redis:\/\//],
  ])("names the bad variable: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("accepts a real deployment", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@db:5432/rr", NEXTAUTH_SECRET: "x".repeat(40), PORT: "8080" });
    expect(env.embedded).toBe(false);
    expect(env.PORT).toBe(8080);
  });
});
