import { route, parseQuery } from "@/lib/http/route";
import { presentKeys } from "@/lib/audit/detail";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { queryAudit, ZAuditFilter } from "@/lib/audit/query";

export const dynamic = "force-dynamic";

/** One page of the audit log, newest first; filters as query parameters. Reading it is recorded too. */
export const GET = route({ resource: "audit", action: "view" }, async ({ req, session, viaToken }) => {
  const filter = parseQuery(new URL(req.url).searchParams, ZAuditFilter);
  const page = await queryAudit(getPrisma(), filter);
  await audit(getPrisma(), session.user, "view", "audit", null, { filterFields: presentKeys(filter), rows: page.rows.length, via: viaToken ? "api-token" : "web" });
  return Response.json(page);
});
