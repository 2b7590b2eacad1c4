import { sessionRoute } from "@/lib/http/route";
import { drillReportFor } from "@/lib/drills/report-data";
import { renderDrillPdfOffThread } from "@/lib/reports/pdf/off-thread";
import { pdfResponse } from "@/lib/reports/pdf/pdf-response";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { fileNameStem } from "@/lib/text/file-name";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The drill's report as an A4 PDF in the reader's language: aggregates only, each withheld below k as on the page. Audited as an export. */
export const GET = sessionRoute({ resource: "reports", action: "export" }, async ({ req, session, scope, params, viaToken }) => {
  const locale = requestLocale(req);
  const report = await drillReportFor(session.user, scope);
  return pdfResponse(() => renderDrillPdfOffThread(report, locale), `drill-${fileNameStem(report.title, "drill")}.pdf`, async (pdf) => {
    await audit(getPrisma(), session.user, "export", "report", params.id, { report: "drill-aar", format: "pdf", locale, bytes: pdf.length, via: viaToken ? "api-token" : "web" });
  });
});
