import { openApiDocument } from "@/lib/http/openapi/document";

export const dynamic = "force-static";

/** The OpenAPI 3.1 document of every /api route (lib/http/openapi/), public like the docs. */
export function GET(): Response {
  return Response.json(openApiDocument());
}
