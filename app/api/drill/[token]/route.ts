// A drill played with a personal link: the token in the path is the only credential, so
// there is no sign-in, no cookie and therefore no cross-site write to guard against.
import { drillDeps } from "@/lib/drills/page-data";
import { ZDrillAction } from "@/lib/drills/inputs";
import { actInDrill, openDrill } from "@/lib/drills/play";
import { errorResponse, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params;
    return Response.json(await openDrill(drillDeps(), { token }), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "drill open failed");
  }
}

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params;
    const action = await readJson(req, ZDrillAction, 8192);
    return Response.json(await actInDrill(drillDeps(), { token }, action), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "drill action failed");
  }
}
