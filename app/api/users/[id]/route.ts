import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { deleteUser, updateUser, ZUserPatch } from "@/lib/users/service";

export const dynamic = "force-dynamic";

/** {name?, role?, active?}: an admin changes another account; unknown fields are refused. */
export const PATCH = route<{ id: string }>({ resource: "users", action: "modify" }, async ({ req, session, params }) => {
  const patch = await readJson(req, ZUserPatch, 4 * 1024);
  return Response.json(await updateUser(getPrisma(), session.user, params.id, patch));
});

export const DELETE = route<{ id: string }>({ resource: "users", action: "delete" }, async ({ session, params }) => {
  return Response.json({ deleted: await deleteUser(getPrisma(), session.user, params.id) });
});
