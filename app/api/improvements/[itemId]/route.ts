import { readJson, route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { updateLedgerItem, ZLedgerPatch } from "@/lib/improvements/ledger";

export const dynamic = "force-dynamic";

/** Changes an item's status, owner or due date from the ledger. */
export const PATCH = route<{ itemId: string }>({ resource: "reports", action: "modify", maxBodyBytes: 8 * 1024 }, async ({ req, session, params }) => {
  const patch = await readJson(req, ZLedgerPatch, 8 * 1024);
  return Response.json(await updateLedgerItem(getPrisma(), session.user, params.itemId, patch));
});
