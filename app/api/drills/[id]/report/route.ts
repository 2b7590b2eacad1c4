import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { drillReportFor } from "@/lib/drills/report-data";
import { sessionRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The drill's after-action report as JSON: aggregates only, each withheld below k. */
export const GET = sessionRoute({ resource: "reports", action: "view" }, async ({ session, scope, params, viaToken }) => {
  const report = await drillReportFor(session.user, scope);
  await audit(getPrisma(), session.user, "view", "report", params.id, { report: "drill-aar", via: viaToken ? "api-token" : "web" });
  return Response.json(report);
});
