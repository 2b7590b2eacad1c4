import { aarRoute } from "@/lib/reports/aar-http";
import { loadAar } from "@/lib/reports/aar-load";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The after-action report as JSON (small groups of anonymous sessions withheld). */
export const GET = aarRoute<{ id: string }>("view", async ({ session, params, viaToken }) => {
  const report = await loadAar(getPrisma(), params.id, session.user);
  await audit(getPrisma(), session.user, "view", "report", params.id, { report: "aar", via: viaToken ? "api-token" : "web" });
  return Response.json(report);
});

/** Deletes what people wrote into the report (findings and rating overrides); the recorded decisions and the plan stay. */
export const DELETE = aarRoute<{ id: string }>("delete", async ({ session, params }) => {
  const deleted = await getPrisma().$transaction(async (tx) => {
    const findings = (await tx.aarFinding.deleteMany({ where: { sessionId: params.id } })).count;
    const overrides = (await tx.ratingOverride.deleteMany({ where: { sessionId: params.id } })).count;
    await audit(tx, session.user, "delete", "report", params.id, { report: "aar", findings, overrides });
    return { findings, overrides };
  });
  return Response.json({ deleted });
});
