// `npm run -s admin -- <command>`: administration from the command line. Works whether
// or not the app is running (see lib/cli/database.ts).
import { parseArgs } from "node:util";
import { openCliDatabase } from "@/lib/cli/database";
import { createUser, UserInputError } from "@/lib/users/service";

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
      const db = await openCliDatabase();
      try {
        const user = await createUser(db.prisma, {
          email: required(args, "email"),
          role: required(args, "role").toUpperCase() as "ADMIN",
          password: required(args, "password"),
          name: typeof args.values.name === "string" ? args.values.name : undefined,
        });
        return { ...user, createdAt: user.createdAt.toISOString() };
      } finally {
        await db.close();
      }
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
    if (e instanceof UserInputError) {
      console.error(`admin ${name}: ${e.message}`);
      return 1;
    }
    console.error(`admin ${name}: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
