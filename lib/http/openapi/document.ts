// Builds the OpenAPI 3.1 document of the `/api` routes (served at GET /api/openapi.json)
// from lib/http/openapi/operations.ts: request bodies and queries are the JSON Schema of
// the zod schemas the routes parse with (zod 4's own z.toJSONSchema, input side), so the
// document says what the parser accepts. Errors share one shape and the codes of
// lib/errors/codes.ts.
import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors/codes";
import { OPERATIONS, type Operation } from "@/lib/http/openapi/operations";
import { APP_VERSION } from "@/lib/version";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** A query schema as OpenAPI parameters, one per property. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const js = schemaOf(schema);
  const parts = (js.allOf as JsonSchema[] | undefined) ?? [js];
  return parts.flatMap((part) => {
    const required = new Set((part.required as string[] | undefined) ?? []);
    return Object.entries((part.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([name, s]) => ({
      name,
      in: "query",
      required: required.has(name),
      schema: s,
      ...(s.type === "array" ? { style: "form", explode: true } : {}),
    }));
  });
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
}

function okResponse(ok: Operation["ok"]): JsonSchema {
  const contentType = ok.contentType ?? "application/json";
  let schema: JsonSchema | undefined;
  if (ok.schema) schema = schemaOf(ok.schema);
  else if (ok.shape) schema = { type: "object", required: [...ok.shape.fields], properties: Object.fromEntries(ok.shape.fields.map((f) => [f, {}])) };
  return { description: ok.description, content: { [contentType]: schema ? { schema } : {} } };
}

function security(access: Operation["access"]): JsonSchema[] {
  if (access === "public") return [];
  if (access === "participant-token") return [{ participantToken: [] }];
  return [{ bearerToken: [] }, { sessionCookie: [] }];
}

function operationObject(op: Operation): JsonSchema {
  const access = typeof op.access === "string" ? op.access : `${op.access.resource}:${op.access.action}`;
  const parameters = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])];
  return {
    operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, "")}`,
    summary: op.summary,
    description: `Access: ${access} (lib/auth/permissions.ts).`,
    security: security(op.access),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body) } } } } : {}),
    ...(op.rawBody ? { requestBody: { required: true, description: op.rawBody.description, content: { [op.rawBody.contentType]: {} } } } : {}),
    responses: {
      [String(op.ok.status)]: okResponse(op.ok),
      default: { description: "an error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    },
  };
}

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Readyroom automation API",
      version: APP_VERSION,
      description: "Routes under /api. Authenticate with `Authorization: Bearer rr_…` (an API token) or the session cookie; cookie writes need a same-origin `Origin`. The live session protocol (socket.io) is in docs/protocol.md.",
    },
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "an API token (rr_…): POST /api/tokens or `npm run admin -- token:create`" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        participantToken: { type: "http", scheme: "Participant", description: "a participant's resume token" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: [...ERROR_CODES] },
                message: { type: "string" },
                details: {
                  type: "array",
                  description: "for input errors: each offending field as a JSON pointer (RFC 6901; the body itself is \"\")",
                  items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          },
        },
      },
    },
  };
}
