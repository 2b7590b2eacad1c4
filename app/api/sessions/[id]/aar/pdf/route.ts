import { errorResponse, sessionRoute } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { loadAar } from "@/lib/reports/aar-load";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
import { PdfBusyError } from "@/lib/reports/pdf/render-gate";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";
import { fileNameStem } from "@/lib/text/file-name";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

/** The after-action report as an A4 PDF, in the reader's interface language. Audited as an export. */
export const GET = sessionRoute({ resource: "reports", action: "export" }, async ({ req, session, params, viaToken }) => {
  const locale = resolveLocale({ cookie: cookie(req, LOCALE_COOKIE), acceptLanguage: req.headers.get("accept-language") });
  const report = await loadAar(getPrisma(), params.id, session.user);
  let pdf: Buffer;
  try {
    pdf = await renderAarPdfOffThread(report, locale);
  } catch (e) {
    if (!PdfBusyError.is(e)) throw e;
    // Full queue: say when to come back instead of holding the request for minutes.
    const busy = errorResponse(new DomainError("PDF_BUSY", `The PDF renderer is busy with other reports; try again in ${e.retryAfterSeconds} s.`));
    busy.headers.set("retry-after", String(e.retryAfterSeconds));
    busy.headers.set("cache-control", "no-store");
    return busy;
  }
  await audit(getPrisma(), session.user, "export", "report", params.id, { report: "aar", format: "pdf", locale, bytes: pdf.length, via: viaToken ? "api-token" : "web" });
  const name = fileNameStem(report.overview.title, "session");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="aar-${name}.pdf"`,
      "cache-control": "no-store",
    },
  });
});
