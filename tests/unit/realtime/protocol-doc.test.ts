// docs/protocol.md against the realtime contract (lib/realtime/contract.ts): the events
// of both tables, each client event's payload fields (with `?` for optional ones, from the
// schema's JSON Schema), ack fields and error codes, and the field lists of the views.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { isErrorCode } from "@/lib/errors/codes";
import { CLIENT_EVENTS, COMMON_ERRORS, HANDSHAKE_ERRORS, SERVER_EVENTS, VIEW_SHAPES } from "@/lib/realtime/contract";
import { tableAfter } from "../../helpers/markdown";

const DOC = fs.readFileSync(path.resolve(__dirname, "../../../docs/protocol.md"), "utf8");

/** The top-level names in the first `{ … }` of a cell: "{ token, view: X }" → ["token", "view"]. */
function braceFields(cell: string): string[] {
  const open = cell.indexOf("{");
  if (open < 0) return [];
  let depth = 0;
  let current = "";
  const parts: string[] = [];
  for (const ch of cell.slice(open + 1)) {
    if (ch === "{" || ch === "[") depth++;
    if (ch === "}" || ch === "]") {
      if (depth === 0) break;
      depth--;
    }
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim().split(/[:\s]/)[0]).filter(Boolean);
}

function codes(cell: string): string[] {
  return [...cell.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]);
}

/** The payload's fields as a client writes them: `name` or `name?`, `key` first on writes. */
function payloadFields(event: keyof typeof CLIENT_EVENTS): string[] {
  const spec = CLIENT_EVENTS[event];
  if (!spec.payload) return [];
  const schema = z.toJSONSchema(spec.payload, { io: "input" }) as { properties: Record<string, unknown>; required?: string[] };
  const required = new Set(schema.required ?? []);
  const fields = Object.keys(schema.properties).map((k) => (required.has(k) ? k : `${k}?`));
  return spec.keyed ? ["key", ...fields] : fields;
}

describe("docs/protocol.md against the realtime contract", () => {
  const clientRows = tableAfter(DOC, "## Client → server");

  it("lists every client event, and no other", () => {
    expect(clientRows.map((r) => r[0].replace(/`/g, ""))).toEqual(Object.keys(CLIENT_EVENTS));
  });

  for (const event of Object.keys(CLIENT_EVENTS) as Array<keyof typeof CLIENT_EVENTS>) {
    it(`documents ${event}: payload fields, ack fields and error codes`, () => {
      const row = clientRows.find((r) => r[0] === `\`${event}\``)!;
      const [, payload, ack, errors] = row;
      expect(braceFields(payload).sort()).toEqual(payloadFields(event).sort());
      expect(braceFields(ack).sort()).toEqual([...CLIENT_EVENTS[event].ack.fields].sort());
      expect(codes(errors)).toEqual([...CLIENT_EVENTS[event].errors]);
    });
  }

  it("lists every server event, and no other", () => {
    const rows = tableAfter(DOC, "## Server → client");
    expect(rows.map((r) => r[0].replace(/`/g, ""))).toEqual(Object.keys(SERVER_EVENTS));
  });

  for (const [name, shape] of Object.entries(VIEW_SHAPES)) {
    it(`documents the fields of ${name}`, () => {
      const rows = tableAfter(DOC, `### ${name}`);
      expect(rows.map((r) => r[0].replace(/`/g, ""))).toEqual([...shape.fields]);
    });
  }
});

describe("docs/protocol.md: codes outside the event table", () => {
  it("names the codes every event can answer, and those a refused handshake carries", () => {
    const common = DOC.split("\n").find((l) => l.startsWith("Every event can also answer")) ?? "";
    expect(codes(common).sort()).toEqual([...COMMON_ERRORS].sort());
    const handshake = DOC.slice(DOC.indexOf("A refused handshake"), DOC.indexOf("\n\n", DOC.indexOf("A refused handshake")));
    // The paragraph also names the MAX_CONNECTIONS setting: only error codes count.
    expect(codes(handshake).filter(isErrorCode).sort()).toEqual([...HANDSHAKE_ERRORS].sort());
  });
});
