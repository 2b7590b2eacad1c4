// The error codes form one union (lib/errors/codes.ts): docs/protocol.md's table lists
// exactly that union with the same statuses, and every code the sources throw is in it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODE_INFO, ERROR_CODES } from "@/lib/errors/codes";
import { tableAfter } from "../../helpers/markdown";

const ROOT = path.resolve(__dirname, "../../..");

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") sourceFiles(p, out);
    } else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

describe("error codes", () => {
  it("docs/protocol.md's table lists exactly the union, in order, with its statuses", () => {
    const rows = tableAfter(fs.readFileSync(path.join(ROOT, "docs/protocol.md"), "utf8"), "## Error codes");
    const documented = rows.map(([code, status]) => [code.replace(/`/g, ""), Number(status)]);
    expect(documented).toEqual(ERROR_CODES.map((c) => [c, ERROR_CODE_INFO[c].status]));
  });

  it("every code thrown or answered in lib/ and app/ is in the union", () => {
    const thrown = new Map<string, string>();
    const patterns = [
      /new DomainError\(\s*"([A-Z][A-Z_]+)"/g,
      /error: \{ code: "([A-Z][A-Z_]+)"/g,
      /refusal\("([A-Z][A-Z_]+)"/g,
    ];
    for (const file of [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))]) {
      const text = fs.readFileSync(file, "utf8");
      for (const re of patterns) for (const m of text.matchAll(re)) thrown.set(m[1], path.relative(ROOT, file));
    }
    expect(thrown.size).toBeGreaterThan(30);
    const outside = [...thrown].filter(([code]) => !(code in ERROR_CODE_INFO)).map(([code, file]) => `${code} (${file})`);
    expect(outside).toEqual([]);
  });
});
