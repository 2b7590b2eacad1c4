// `npm run -s admin -- <command>`: administration from the command line. Works whether
// or not the app is running (see lib/cli/database.ts).
import { parseArgs } from "node:util";
import { openCliDatabase } from "@/lib/cli/database";
import fs from "node:fs";
import { createUser } from "@/lib/users/service";
import { DomainError } from "@/lib/errors/domain-error";
import { createApiToken } from "@/lib/auth/api-token";
import { canHoldApiToken } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit/log";
import { runRetention } from "@/lib/privacy/retention";
import { importScenarioText } from "@/lib/catalog/store";
import { formatFinding } from "@/lib/scenario";
import { SessionService } from "@/lib/session/service";
import type { CliDatabase } from "@/lib/cli/database";

async function withDatabase<T>(work: (db: CliDatabase) => Promise<T>): Promise<T> {
  const db = await openCliDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

type Command = { usage: string; options: Record<string, { type: "string" | "boolean" }>; run(args: Parsed): Promise<unknown> };
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

class UsageError extends Error {}

function required(args: Parsed, name: string): string {
  const v = args.values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`);
  return v;
}

const COMMANDS: Record<string, Command> = {
  "user:create": {
    usage: "user:create --email EMAIL --role ADMIN|FACILITATOR|MANAGER|PARTICIPANT --password PASSWORD [--name NAME]",
    options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    async run(args) {
      const input = {
        email: required(args, "email"),
        role: required(args, "role").toUpperCase() as "ADMIN",
        password: required(args, "password"),
        name: typeof args.values.name === "string" ? args.values.name : undefined,
      };
      return withDatabase(async (db) => {
        const user = await createUser(db.prisma, input);
        await audit(db.prisma, { system: "admin CLI" }, "create", "user", user.id);
        return { ...user, createdAt: user.createdAt.toISOString() };
      });
    },
  },
  "token:create": {
    usage: "token:create --email EMAIL [--name NAME]   (prints the token once)",
    options: { email: { type: "string" }, name: { type: "string" } },
    async run(args) {
      const email = required(args, "email").toLowerCase();
      return withDatabase(async (db) => {
        const user = await db.prisma.user.findUnique({ where: { email } });
        if (!user) throw new DomainError("USER_NOT_FOUND", `no user with e-mail ${email}`);
        if (!canHoldApiToken(user.role)) throw new DomainError("FORBIDDEN", `API tokens are for facilitators and admins; ${email} is ${user.role}`);
        const name = typeof args.values.name === "string" ? args.values.name : "admin CLI";
        const created = await createApiToken(db.prisma, user.id, name);
        await audit(db.prisma, { system: "admin CLI" }, "create", "api-token", created.id, { userId: user.id });
        return { token: created.token, id: created.id, name: created.name, user: email };
      });
    },
  },
  "scenario:import": {
    usage: "scenario:import FILE",
    options: {},
    async run(args) {
      const file = args.positionals[0];
      if (!file) throw new UsageError("FILE is required");
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (e) {
        throw new DomainError("INVALID_INPUT", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      return withDatabase(async (db) => {
        const r = await importScenarioText(db.prisma, text, { source: "upload" });
        if (!r.ok) throw new DomainError("SCENARIO_INVALID", `${file} has errors; nothing was imported\n${r.findings.map((f) => formatFinding(file, f)).join("\n")}`);
        return r;
      });
    },
  },
  "retention:run": {
    usage: "retention:run   (deletes raw responses of sessions past the retention period; prints counts)",
    options: {},
    async run() {
      return withDatabase(async (db) => runRetention(db.prisma, new Date(), { system: "admin CLI" }));
    },
  },
  "session:results": {
    usage: "session:results SESSION_ID   (JSON to stdout)",
    options: {},
    async run(args) {
      const id = args.positionals[0];
      if (!id) throw new UsageError("SESSION_ID is required");
      return withDatabase(async (db) => {
        if (!(await db.prisma.exerciseSession.findUnique({ where: { id } }))) throw new DomainError("SESSION_NOT_FOUND", `no session with id ${id}`);
        const results = await new SessionService(db.prisma).results(id);
        await audit(db.prisma, { system: "admin CLI" }, "export", "responses", id, { format: "json" });
        return results;
      });
    },
  },
};

function usage(): string {
  return ["usage: npm run -s admin -- <command> [options]", "", "commands:", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `admin: unknown command "${name}"\n\n${usage()}` : usage());
    return 2;
  }
  let args: Parsed;
  try {
    args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true }) as Parsed;
  } catch (e) {
    console.error(`admin ${name}: ${(e as Error).message}\nusage: ${command.usage}`);
    return 2;
  }
  try {
    const result = await command.run(args);
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`admin ${name}: ${e.message}\nusage: ${command.usage}`);
      return 2;
    }
    console.error(`admin ${name}: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
