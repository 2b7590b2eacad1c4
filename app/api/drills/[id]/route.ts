import { getPrisma } from "@/lib/db/client";
import { extendDeadline } from "@/lib/drills/facilitator";
import { ZDrillDeadline } from "@/lib/drills/inputs";
import { drillProgressFor } from "@/lib/drills/page-data";
import { readJson, sessionRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The drill's funnel by team and its answers, as the viewer may see them. */
export const GET = sessionRoute({ resource: "sessions", action: "view" }, async ({ session, scope }) => {
  return Response.json(await drillProgressFor(session.user, scope));
});

/** Extends the deadline (`closesAt`), reopening a drill that closed. */
export const PATCH = sessionRoute({ resource: "sessions", action: "modify" }, async ({ req, session, params }) => {
  const input = await readJson(req, ZDrillDeadline, 4096);
  return Response.json(await extendDeadline(getPrisma(), session.user, params.id, input));
});
