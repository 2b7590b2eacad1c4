import { sessionRoute } from "@/lib/http/route";
import { loadAar } from "@/lib/reports/aar-load";
import { deleteReportWritings } from "@/lib/reports/aar-edit";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The after-action report as JSON (small groups of anonymous sessions withheld). */
export const GET = sessionRoute({ resource: "reports", action: "view" }, async ({ session, params, viaToken }) => {
  const report = await loadAar(getPrisma(), params.id, session.user);
  await audit(getPrisma(), session.user, "view", "report", params.id, { report: "aar", via: viaToken ? "api-token" : "web" });
  return Response.json(report);
});

/** Deletes what people wrote into the report (findings and rating overrides); the recorded decisions and the plan stay. */
export const DELETE = sessionRoute({ resource: "reports", action: "delete" }, async ({ session, params }) => {
  return Response.json({ deleted: await deleteReportWritings(getPrisma(), session.user, params.id) });
});
