import { aarRoute } from "@/lib/reports/aar-http";
import { loadAar } from "@/lib/reports/aar-load";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The after-action report as JSON (small groups of anonymous sessions withheld). */
export const GET = aarRoute<{ id: string }>("view", async ({ session, params, viaToken }) => {
  const report = await loadAar(getPrisma(), params.id);
  await audit(getPrisma(), session.user, "view", "report", params.id, { report: "aar", via: viaToken ? "api-token" : "web" });
  return Response.json(report);
});
