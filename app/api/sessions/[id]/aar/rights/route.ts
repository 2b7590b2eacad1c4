import { sessionRoute } from "@/lib/http/route";
import { loadAar } from "@/lib/reports/aar-load";
import { rightsCsv } from "@/lib/reports/aar-rights";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The AAR's "Decision rights" section: JSON, or CSV with `?format=csv`. */
export const GET = sessionRoute({ resource: "reports", action: "view" }, async ({ req, session, params, viaToken }) => {
  const report = await loadAar(getPrisma(), params.id, session.user);
  const csv = new URL(req.url).searchParams.get("format") === "csv";
  await audit(getPrisma(), session.user, csv ? "export" : "view", "report", params.id, { report: "aar-rights", format: csv ? "csv" : "json", via: viaToken ? "api-token" : "web" });
  if (!csv) return Response.json({ rights: report.rights });
  return new Response(rightsCsv(report.rights ?? { minGroupSize: null, teams: [] }), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="aar-rights-${params.id}.csv"` },
  });
});
