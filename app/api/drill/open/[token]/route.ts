// The open link of a drill: each visitor gets their own personal token (their resume link).
import { drillDeps } from "@/lib/drills/page-data";
import { assertDeclaredSize, authenticate, errorResponse } from "@/lib/http/route";
import { joinOpenLink } from "@/lib/drills/play";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    assertDeclaredSize(req, 1024);
    const { token } = await params;
    const { session } = await authenticate(req).catch(() => ({ session: null }));
    return Response.json(await joinOpenLink(drillDeps(), token, session?.user.id ?? null), { status: 201, headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "drill open link failed");
  }
}
