import { route, readBody, parseJson, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { createDraft, listDrafts, DraftError, ZCreateDraft } from "@/lib/studio/drafts";

export const dynamic = "force-dynamic";

/** Room for the JSON envelope around a scenario of the largest allowed size. */
const MAX_BODY = MAX_SCENARIO_BYTES + 16 * 1024;

export const GET = route({ resource: "scenarios", action: "modify" }, async ({ session }) => {
  return Response.json({ drafts: await listDrafts(getPrisma(), session.user.id) });
});

/** A new draft: `{}` for an empty one, `{document}` for an imported file, `{baseScenarioId}` to duplicate. */
export const POST = route({ resource: "scenarios", action: "modify" }, async ({ req, session }) => {
  const input = parseJson(await readBody(req, MAX_BODY), ZCreateDraft);
  try {
    const draft = await createDraft(getPrisma(), session.user.id, input);
    return Response.json({ draft }, { status: 201 });
  } catch (e) {
    if (e instanceof DraftError) return jsonError(e.status, e.code, e.message);
    throw e;
  }
});
