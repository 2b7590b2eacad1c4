import { readJson, route } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { getPrisma } from "@/lib/db/client";
import { createApiToken, listApiTokens, ZNewToken } from "@/lib/auth/api-token";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

/** The caller's own API tokens (never the secret itself). */
export const GET = route({ resource: "sessions", action: "modify" }, async ({ session }) => {
  return Response.json({ tokens: await listApiTokens(getPrisma(), session.user.id) });
});

export const POST = route({ resource: "sessions", action: "modify" }, async ({ req, session, viaToken }) => {
  if (viaToken) throw new DomainError("FORBIDDEN", "create API tokens from the web app, not with another token");
  const input = await readJson(req, ZNewToken, 4096);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const created = await createApiToken(getPrisma(), session.user.id, input.name, expiresAt);
  await audit(getPrisma(), session.user, "create", "api-token", created.id, { fields: ["name"] });
  return Response.json(created, { status: 201 });
});
