import { parseQuery, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { listLedger, ZLedgerFilter } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

/** The improvement ledger as the reader may see it (items of sessions whose reports they may open). */
export const GET = route({ resource: "reports", action: "view" }, async ({ req, session }) => {
  const filter = parseQuery(new URL(req.url).searchParams, ZLedgerFilter);
  return Response.json({ items: await listLedger(getPrisma(), session.user, filter) });
});
