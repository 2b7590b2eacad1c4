import { HttpError, route } from "@/lib/http/route";
import { audit } from "@/lib/audit/log";
import { canAccessSession } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { exportFileName, resultsCsv, sessionResults } from "@/lib/reports/export";
import { download, exportFormat } from "@/lib/reports/http";

export const dynamic = "force-dynamic";

/** One session's results: ?format=csv (team × capability) or json (plus decisions). */
export const GET = route<{ id: string }>({ resource: "reports", action: "export" }, async ({ req, session, params, viaToken }) => {
  const format = exportFormat(new URL(req.url));
  const prisma = getPrisma();
  const s = await prisma.exerciseSession.findUnique({ where: { id: params.id }, select: { id: true, title: true, facilitatorId: true, anonymous: true, grants: { select: { userId: true } } } });
  if (!s) throw new HttpError(404, "NOT_FOUND", `no session with id ${params.id}`);
  if (!canAccessSession(session.user, "reports", "export", { facilitatorId: s.facilitatorId, grantedUserIds: s.grants.map((g) => g.userId), anonymous: s.anonymous })) {
    throw new HttpError(403, "FORBIDDEN", "you may export the results of sessions you run or were granted only");
  }
  const { minGroupSize } = await getSettings(prisma);
  const results = (await sessionResults(prisma, s.id, minGroupSize))!;
  await audit(prisma, session.user, "export", "report", s.id, { format, rows: results.results.length, via: viaToken ? "api-token" : "web" });
  const stem = `results-${s.title}-${s.id}`;
  if (format === "csv") return download(resultsCsv(results.results), "csv", exportFileName(stem, "csv"));
  return download(JSON.stringify(results, null, 2), "json", exportFileName(stem, "json"));
});
