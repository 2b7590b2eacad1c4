import { route } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors/domain-error";
import { buildPeriodEvidence } from "@/lib/evidence/period";
import { instanceSigningKey } from "@/lib/audit/signing-key";
import { audit } from "@/lib/audit/log";
import { presentKeys } from "@/lib/audit/detail";
import { getPrisma } from "@/lib/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import { parseReportFilters } from "@/lib/reports/filters";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The evidence pack of a period and team(s) (docs/evidence.md): the dashboard's filters (team,
 * from, to, scenario) select the ended sessions whose reports the exporter may see. Needs the
 * matrix's evidence export and report export permissions; audited as an export.
 */
export const GET = route({ resource: "evidence", action: "export" }, async ({ req, session, viaToken }) => {
  if (!can(session.user.role, "reports", "export")) throw new DomainError("FORBIDDEN", "your role may not export reports, so it may not export their evidence");
  const parsed = parseReportFilters(new URL(req.url).searchParams);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    throw new DomainError("INVALID_INPUT", `${first.field}: ${first.message}`, `/${first.field}`, parsed.issues.map((i) => ({ path: `/${i.field}`, message: i.message })));
  }
  const prisma = getPrisma();
  const pack = await buildPeriodEvidence(prisma, session.user, parsed.filters, requestLocale(req), instanceSigningKey());
  const { team, from, to, scenario } = parsed.filters;
  await audit(prisma, session.user, "export", "report", null, {
    report: "evidence-period",
    format: "zip",
    filterFields: presentKeys({ team: team.length ? team : undefined, from, to, scenario }),
    teamIds: team,
    periodStartAt: from ? `${from}T00:00:00.000Z` : null,
    periodEndAt: to ? `${to}T23:59:59.999Z` : null,
    slug: scenario ?? null,
    sessionIds: pack.manifest.scope.sessionIds,
    sessions: pack.manifest.scope.sessionIds.length,
    bytes: pack.zip.length,
    via: viaToken ? "api-token" : "web",
  });
  return new Response(new Uint8Array(pack.zip), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${pack.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
