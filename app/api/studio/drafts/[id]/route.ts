import { route, readBody, parseJson, jsonError } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { deleteDraft, getDraft, saveDraft, DraftError, ZSaveDraft, MAX_DRAFT_BODY_BYTES } from "@/lib/studio/drafts";

export const dynamic = "force-dynamic";

type Params = { id: string };

function draftError(e: unknown): Response {
  if (e instanceof DraftError) return jsonError(e.status, e.code, e.message);
  throw e;
}

export const GET = route<Params>({ resource: "scenarios", action: "modify" }, async ({ session, params }) => {
  const draft = await getDraft(getPrisma(), session.user.id, params.id);
  if (!draft) return jsonError(404, "DRAFT_NOT_FOUND", "this draft does not exist or is not yours");
  return Response.json({ draft });
});

/** Autosave: the whole document, as it is (it may have lint errors). */
export const PUT = route<Params>({ resource: "scenarios", action: "modify", maxBodyBytes: MAX_DRAFT_BODY_BYTES }, async ({ req, session, params }) => {
  const { document } = parseJson(await readBody(req, MAX_DRAFT_BODY_BYTES), ZSaveDraft);
  try {
    return Response.json({ draft: await saveDraft(getPrisma(), session.user.id, params.id, document) });
  } catch (e) {
    return draftError(e);
  }
});

export const DELETE = route<Params>({ resource: "scenarios", action: "modify" }, async ({ session, params }) => {
  try {
    await deleteDraft(getPrisma(), session.user.id, params.id);
    return new Response(null, { status: 204 });
  } catch (e) {
    return draftError(e);
  }
});
