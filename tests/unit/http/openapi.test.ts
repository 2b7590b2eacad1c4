// The OpenAPI document covers every /api route and method (walked from app/api/**/route.ts),
// and no route that does not exist; its bodies are the JSON Schema of the routes' parsers.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/http/openapi/document";
import { ERROR_CODES } from "@/lib/errors/codes";

const API = path.resolve(__dirname, "../../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** `sessions/[id]/aar/route.ts` → `/api/sessions/{id}/aar`; `[...nextauth]` → `{nextauth}`. */
function routes(dir = API, out: Array<{ path: string; methods: string[] }> = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) routes(p, out);
    else if (entry.name === "route.ts") {
      const text = fs.readFileSync(p, "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|as ${m}\\b`).test(text));
      const rel = path.relative(API, dir).split(path.sep).map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}"));
      out.push({ path: `/api/${rel.join("/")}`, methods });
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: object; requestBody?: { content: Record<string, { schema?: { properties?: object } }> } }>> };

  it("has an entry for every route and method under app/api, and none without a route", () => {
    const found = routes().flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)).sort();
    expect(found.length).toBeGreaterThan(40);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(documented).toEqual(found);
  });

  it("is OpenAPI 3.1 with the request bodies of the routes' zod schemas and the error codes", () => {
    expect(doc.openapi).toBe("3.1.0");
    const create = doc.paths["/api/sessions"].post;
    const body = create.requestBody!.content["application/json"].schema as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(body.properties)).toEqual(["scenarioId", "title", "teams", "anonymous", "selfAssign", "locale"]);
    expect(body.required).toEqual(["scenarioId", "teams"]);
    expect(body.additionalProperties).toBe(false);
    const created = (create.responses as Record<string, { content: Record<string, { schema: { required: string[] } }> }>)["201"];
    expect(created.content["application/json"].schema.required).toEqual(["id", "joinCode", "joinUrl"]);
    const token = doc.paths["/api/tokens"].post.requestBody!.content["application/json"].schema!;
    expect(Object.keys(token.properties!)).toEqual(["name", "expiresInDays"]);
    expect(JSON.stringify(openApiDocument())).toContain(JSON.stringify([...ERROR_CODES]));
  });
});
