// Shared by the export route handlers: the requested format, the pooled rows' words in the
// reader's language, and the response that carries an export as a download.
import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translatorFor } from "@/lib/i18n/translator";
import type { PooledLabels } from "./export-pooled";

export const ZExportFormat = z.enum(["csv", "json"], { error: 'format must be "csv" or "json"' });
export type ExportFormat = z.infer<typeof ZExportFormat>;

export function exportFormat(url: URL): ExportFormat {
  const r = ZExportFormat.safeParse(url.searchParams.get("format") ?? "json");
  if (!r.success) throw new DomainError("INVALID_INPUT", `format: ${r.error.issues[0].message}`, "/format");
  return r.data;
}

export function download(body: string, format: ExportFormat, fileName: string): Response {
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}

/** The pooled rows' words in the reader's language (lib/reports/export-pooled.ts). */
export function pooledLabels(req: Request): PooledLabels {
  const t = translatorFor(requestLocale(req), "pooled");
  return { team: t("exportTeam"), overall: t("exportOverall") };
}
