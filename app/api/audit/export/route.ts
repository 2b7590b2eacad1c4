import { route, parseQuery } from "@/lib/http/route";
import { presentKeys } from "@/lib/audit/detail";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { exportAuditCsv, ZAuditFilter } from "@/lib/audit/query";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV, oldest first. The export records itself before it is read. */
export const GET = route({ resource: "audit", action: "export" }, async ({ req, session, viaToken }) => {
  const filter = parseQuery(new URL(req.url).searchParams, ZAuditFilter);
  await audit(getPrisma(), session.user, "export", "audit", null, { format: "csv", filterFields: presentKeys(filter), via: viaToken ? "api-token" : "web" });
  const { csv } = await exportAuditCsv(getPrisma(), filter);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="readyroom-audit-${day}.csv"`, "cache-control": "no-store" } });
});
