import { sessionRoute } from "@/lib/http/route";
import { loadAar } from "@/lib/reports/aar-load";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
import { pdfResponse } from "@/lib/reports/pdf/pdf-response";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { fileNameStem } from "@/lib/text/file-name";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The after-action report as an A4 PDF, in the reader's interface language. Audited as an export. */
export const GET = sessionRoute({ resource: "reports", action: "export" }, async ({ req, session, params, viaToken }) => {
  const locale = requestLocale(req);
  const report = await loadAar(getPrisma(), params.id, session.user);
  return pdfResponse(() => renderAarPdfOffThread(report, locale), `aar-${fileNameStem(report.overview.title, "session")}.pdf`, async (pdf) => {
    await audit(getPrisma(), session.user, "export", "report", params.id, { report: "aar", format: "pdf", locale, bytes: pdf.length, via: viaToken ? "api-token" : "web" });
  });
});
