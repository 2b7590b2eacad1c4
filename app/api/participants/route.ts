import { z } from "zod";
import { route, parseQuery } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { getPrisma } from "@/lib/db/client";
import { findParticipants } from "@/lib/privacy/erasure";

export const dynamic = "force-dynamic";

const ZSearch = z.strictObject({
  sessionId: z.string().trim().min(1).max(64).optional(),
  displayName: z.string().trim().max(80).optional(),
  userId: z.string().trim().min(1).max(64).optional(),
});

/** Participants to erase, found by session (and name) or by staff account. For those who may erase. */
export const GET = route({ resource: "responses", action: "delete" }, async ({ req }) => {
  const query = parseQuery(new URL(req.url).searchParams, ZSearch);
  if (!query.sessionId && !query.userId) throw new DomainError("INVALID_INPUT", "sessionId or userId: give a session or a user account to search in");
  return Response.json({ participants: await findParticipants(getPrisma(), query) });
});
