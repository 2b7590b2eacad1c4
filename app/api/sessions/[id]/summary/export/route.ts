import { route, requireSessionAccess, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { sessionSummary, summaryCsv } from "@/lib/privacy/session-summary";

export const dynamic = "force-dynamic";

/** The aggregate summary as CSV (small groups withheld); audited. */
export const GET = route<{ id: string }>({ resource: "reports", action: "export" }, async ({ session, params, viaToken }) => {
  await requireSessionAccess(session, params.id, "reports", "export");
  const summary = await sessionSummary(getPrisma(), params.id);
  if (!summary) return jsonError(404, "SESSION_NOT_FOUND", `session ${params.id} does not exist`);
  await audit(getPrisma(), session.user, "export", "report", params.id, { format: "csv", via: viaToken ? "api-token" : "web" });
  return new Response(summaryCsv(summary), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="readyroom-summary-${params.id}.csv"`, "cache-control": "no-store" } });
});
