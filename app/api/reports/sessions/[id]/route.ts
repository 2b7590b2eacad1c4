import { sessionRoute } from "@/lib/http/route";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { getSettings } from "@/lib/privacy/settings";
import { exportFileName, resultsCsv, sessionResults } from "@/lib/reports/export";
import { download, exportFormat, pooledLabels } from "@/lib/reports/http";

export const dynamic = "force-dynamic";

/** One session's results: ?format=csv (team × capability) or json (plus decisions). */
export const GET = sessionRoute({ resource: "reports", action: "export" }, async ({ req, session, params, viaToken }) => {
  const format = exportFormat(new URL(req.url));
  const prisma = getPrisma();
  const { minGroupSize } = await getSettings(prisma);
  const results = await sessionResults(prisma, params.id, minGroupSize, pooledLabels(req));
  if (!results) throw new DomainError("SESSION_NOT_FOUND", `session ${params.id} does not exist`);
  await audit(prisma, session.user, "export", "report", params.id, { format, rows: results.results.length, via: viaToken ? "api-token" : "web" });
  const stem = `results-${results.session.title}-${params.id}`;
  if (format === "csv") return download(resultsCsv(results.results), "csv", exportFileName(stem, "csv"));
  return download(JSON.stringify(results, null, 2), "json", exportFileName(stem, "json"));
});
