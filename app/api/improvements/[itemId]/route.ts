import { parseJson, readBody, route } from "@/lib/http/route";
import { aarErrorResponse } from "@/lib/reports/aar-http";
import { getPrisma } from "@/lib/db/client";
import { updateLedgerItem, ZLedgerPatch } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

/** Changes an item's status, owner or due date from the ledger. */
export const PATCH = route<{ itemId: string }>({ resource: "reports", action: "modify", maxBodyBytes: 8 * 1024 }, async ({ req, session, params }) => {
  try {
    const patch = parseJson(await readBody(req, 8 * 1024), ZLedgerPatch);
    return Response.json(await updateLedgerItem(getPrisma(), session.user, params.itemId, patch));
  } catch (e) {
    return aarErrorResponse(e);
  }
});
