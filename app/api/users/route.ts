import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { createUser, listUsers, ZNewUser } from "@/lib/users/service";

export const dynamic = "force-dynamic";

/** Staff accounts (never password hashes); `?q=` matches e-mail or name. */
export const GET = route({ resource: "users", action: "view" }, async ({ req, session }) => {
  const q = new URL(req.url).searchParams.get("q") ?? undefined;
  const users = await listUsers(getPrisma(), q);
  await audit(getPrisma(), session.user, "view", "user", null, { searched: !!q, count: users.length });
  return Response.json({ users });
});

/** {email, role, password, name?}: unknown fields are refused. */
export const POST = route({ resource: "users", action: "modify" }, async ({ req, session }) => {
  const input = await readJson(req, ZNewUser, 8 * 1024);
  const user = await createUser(getPrisma(), input);
  await audit(getPrisma(), session.user, "create", "user", user.id);
  return Response.json({ user }, { status: 201 });
});
