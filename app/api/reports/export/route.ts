import { route } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { presentKeys } from "@/lib/audit/detail";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { parseReportFilters } from "@/lib/reports/filters";
import { reportScope } from "@/lib/reports/scope";
import { dashboardResults, exportFileName, resultsCsv } from "@/lib/reports/export";
import { download, exportFormat, pooledLabels } from "@/lib/reports/http";

export const dynamic = "force-dynamic";

/** The dashboard's filtered view, team × capability: ?format=csv|json plus the dashboard's filters. */
export const GET = route({ resource: "reports", action: "export" }, async ({ req, session, viaToken }) => {
  const url = new URL(req.url);
  const format = exportFormat(url);
  const parsed = parseReportFilters(url.searchParams);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    throw new DomainError("INVALID_INPUT", `${first.field}: ${first.message}`, `/${first.field}`, parsed.issues.map((i) => ({ path: `/${i.field}`, message: i.message })));
  }
  const scope = reportScope(session.user);
  if (!scope) throw new DomainError("FORBIDDEN", "your role may not view reports");
  const prisma = getPrisma();
  const { minGroupSize } = await getSettings(prisma);
  const rows = await dashboardResults(prisma, scope, parsed.filters, minGroupSize, pooledLabels(req));
  await audit(prisma, session.user, "export", "report", null, { format, filterFields: presentKeys(parsed.filters), rows: rows.length, via: viaToken ? "api-token" : "web" });
  const stem = `readiness-${new Date().toISOString().slice(0, 10)}`;
  if (format === "csv") return download(resultsCsv(rows), "csv", exportFileName(stem, "csv"));
  return download(JSON.stringify({ generatedAt: new Date().toISOString(), filters: parsed.filters, minGroupSize, results: rows }, null, 2), "json", exportFileName(stem, "json"));
});
