import { aarRoute } from "@/lib/reports/aar-http";
import { loadAar } from "@/lib/reports/aar-load";
import { renderAarPdfOffThread } from "@/lib/reports/pdf/off-thread";
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
export const GET = aarRoute<{ id: string }>("export", async ({ req, session, params, viaToken }) => {
  const locale = resolveLocale({ cookie: cookie(req, LOCALE_COOKIE), acceptLanguage: req.headers.get("accept-language") });
  const report = await loadAar(getPrisma(), params.id, session.user);
  const pdf = await renderAarPdfOffThread(report, locale);
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
