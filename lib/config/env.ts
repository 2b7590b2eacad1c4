// Parses and validates the process environment once, at startup. Every setting the
// server reads comes from here, so a bad value fails with one line naming it.
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL");

/** Proxies in front of the app whose X-Forwarded-For entries are believed: "1" (or "true") is one, a number is that many hops. */
export const ZTrustProxy = z
  .string()
  .trim()
  .transform((v) => (v === "" || v === "false" ? "0" : v === "true" ? "1" : v))
  .pipe(z.string().regex(/^\d{1,2}$/, "must be a number of proxy hops (0-10), or true"))
  .transform(Number)
  .pipe(z.number().max(10, "must be between 0 and 10 proxy hops"));

/** Extra browser origins allowed to use the app besides PUBLIC_URL: comma-separated `scheme://host[:port]`. */
export const ZAllowedOrigins = z
  .string()
  .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .refine((o) => {
          try {
            const u = new URL(o);
            return (u.protocol === "https:" || u.protocol === "http:") && u.origin === o.replace(/\/$/, "");
          } catch {
            return false;
          }
        }, "each entry must be an origin such as https://exercises.example.com (scheme, host and optional port; no path)")
        .transform((o) => new URL(o).origin),
    ),
  );

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 65535")
      .max(65535, "must be between 0 and 65535")
      .default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    PUBLIC_URL: optionalString.pipe(z.url({ error: "must be an absolute http(s) URL" }).optional()),
    DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
    DATA_DIR: z.string().trim().min(1).default(".data"),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    SEED_DEMO: z.enum(["0", "1", ""]).default(""),
    REDIS_URL: optionalString.pipe(
      z.string().refine((v) => /^rediss?:\/\//.test(v), "must be a redis:// or rediss:// URL").optional(),
    ),
    REDIS_KEY_PREFIX: z.string().trim().regex(/^[A-Za-z0-9:_-]{1,64}$/, "may only contain letters, digits, ':', '_' and '-'").default("readyroom"),
    CLUSTER_LEASE_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(600_000).default(10_000),
    OIDC_ISSUER: optionalString.pipe(z.url({ error: "must be an absolute URL" }).optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.string().trim().min(1).default("Single sign-on"),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    TRUST_PROXY: ZTrustProxy.default(0),
    ALLOWED_ORIGINS: ZAllowedOrigins.default([]),
    MAX_SESSION_PARTICIPANTS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1_000_000).default(5000),
    MAX_CONNECTIONS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1_000_000).default(20_000),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "must be set together with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
    if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required with DATABASE_URL (all app nodes must share it); generate one with `openssl rand -base64 48`",
      });
    }
  });

export type AppEnv = z.output<typeof ZEnv> & { dataDir: string; embedded: boolean };

export class EnvError extends Error {}

/** Parses `source` (default process.env); throws EnvError with one readable line. */
export function parseEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    const got = source[name];
    const shown = got === undefined ? "" : ` (got ${JSON.stringify(name.includes("SECRET") ? "***" : got)})`;
    throw new EnvError(`${name} ${issue.message}${shown}`);
  }
  const env = result.data;
  return { ...env, dataDir: path.resolve(env.DATA_DIR), embedded: !env.DATABASE_URL };
}
