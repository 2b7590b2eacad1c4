// A named drill played signed in ("My drills"), found by the account's invitation.
import { drillDeps } from "@/lib/drills/page-data";
import { actInDrill, openDrill } from "@/lib/drills/play";
import { readJson, route } from "@/lib/http/route";
import { ZDrillAction } from "@/lib/drills/inputs";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ anyRole: true }, async ({ session, params }) => {
  return Response.json(await openDrill(drillDeps(), { user: session.user, sessionId: params.id }), { headers: { "cache-control": "no-store" } });
});

export const POST = route<{ id: string }>({ anyRole: true }, async ({ req, session, params }) => {
  const action = await readJson(req, ZDrillAction, 8192);
  return Response.json(await actInDrill(drillDeps(), { user: session.user, sessionId: params.id }, action));
});
