import { sessionRoute } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { exportSessionEvents } from "@/lib/session/event-log";

export const dynamic = "force-dynamic";

/** The session's append-only event log (ids only, no names or answer text) as a download. */
export const GET = sessionRoute({ resource: "sessions", action: "export" }, async ({ session, params, viaToken }) => {
  const body = await exportSessionEvents(getPrisma(), session.user, params.id, viaToken ? "api-token" : "web");
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="readyroom-session-${params.id}-events.json"`, "cache-control": "no-store" },
  });
});
