import { route, readBody, parseJson, HttpError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { deleteUser, updateUser, UserInputError, UserNotFoundError, ZUserPatch } from "@/lib/users/service";

export const dynamic = "force-dynamic";

function mapUserError(e: unknown): never {
  if (e instanceof UserNotFoundError) throw new HttpError(404, "USER_NOT_FOUND", e.message);
  if (e instanceof UserInputError) throw new HttpError(409, "NOT_ALLOWED_ON_SELF", e.message);
  throw e;
}

/** {name?, role?, active?}: an admin changes another account; unknown fields are refused. */
export const PATCH = route<{ id: string }>({ resource: "users", action: "modify" }, async ({ req, session, params }) => {
  const patch = parseJson(await readBody(req, 4 * 1024), ZUserPatch);
  try {
    return Response.json(await updateUser(getPrisma(), session.user, params.id, patch));
  } catch (e) {
    return mapUserError(e);
  }
});

export const DELETE = route<{ id: string }>({ resource: "users", action: "delete" }, async ({ session, params }) => {
  try {
    return Response.json({ deleted: await deleteUser(getPrisma(), session.user, params.id) });
  } catch (e) {
    return mapUserError(e);
  }
});
