import { route, requireSessionAccess } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

/** The session's append-only event log (ids only, no names or answer text) as a download. */
export const GET = route<{ id: string }>({ resource: "sessions", action: "export" }, async ({ session, params, viaToken }) => {
  await requireSessionAccess(session, params.id, "sessions", "export");
  const prisma = getPrisma();
  const events = await prisma.sessionEvent.findMany({ where: { sessionId: params.id }, orderBy: { id: "asc" } });
  await audit(prisma, session.user, "export", "session", params.id, { format: "json", events: events.length, via: viaToken ? "api-token" : "web" });
  const body = { sessionId: params.id, events: events.map((e) => ({ ...e, id: e.id.toString() })) };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="readyroom-session-${params.id}-events.json"`, "cache-control": "no-store" },
  });
});
