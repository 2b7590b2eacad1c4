import { sessionRoute } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors/domain-error";
import { buildSessionEvidence } from "@/lib/evidence/pack";
import { instanceSigningKey } from "@/lib/audit/signing-key";
import { audit } from "@/lib/audit/log";
import { getPrisma } from "@/lib/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The session's evidence pack (docs/evidence.md): a signed ZIP an auditor checks offline with
 * `npm run -s evidence:verify`. Needs the report's export permission on this session and the
 * evidence export permission; audited as an export.
 */
export const GET = sessionRoute({ resource: "reports", action: "export" }, async ({ req, session, params, viaToken }) => {
  if (!can(session.user.role, "evidence", "export")) throw new DomainError("FORBIDDEN", "your role may not export evidence packs");
  const locale = requestLocale(req);
  const pack = await buildSessionEvidence(getPrisma(), params.id, session.user, locale, instanceSigningKey());
  await audit(getPrisma(), session.user, "export", "report", params.id, { report: "evidence", format: "zip", bytes: pack.zip.length, via: viaToken ? "api-token" : "web" });
  return new Response(new Uint8Array(pack.zip), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${pack.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
