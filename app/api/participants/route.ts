import { route, parseQuery } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { getPrisma } from "@/lib/db/client";
import { findParticipants, ZParticipantSearch } from "@/lib/privacy/erasure";

export const dynamic = "force-dynamic";

/** Participants to erase, found by session (and name) or by staff account. For those who may erase. */
export const GET = route({ resource: "responses", action: "delete" }, async ({ req }) => {
  const query = parseQuery(new URL(req.url).searchParams, ZParticipantSearch);
  if (!query.sessionId && !query.userId) throw new DomainError("INVALID_INPUT", "sessionId or userId: give a session or a user account to search in");
  return Response.json({ participants: await findParticipants(getPrisma(), query) });
});
