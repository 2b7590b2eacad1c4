// Participant pages send their browsers only the message namespaces their components use
// (i18n/client-scopes.ts). This walks each participant page's imports, from the page and the
// root layout, and checks that every namespace a component asks for with useTranslations is
// in the participant scope: a missing one would show raw keys on a phone.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GLOBAL_NAMESPACES, PARTICIPANT_NAMESPACES, clientMessages, isParticipantPath } from "@/i18n/client-scopes";
import { MESSAGES } from "@/messages";

const ROOT = path.resolve(__dirname, "../../..");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every namespace asked for with useTranslations in the files `entry` reaches by import. */
function namespacesReached(entries: string[]): { namespaces: Set<string>; dynamic: string[] } {
  const seen = new Set<string>();
  const namespaces = new Set<string>();
  const dynamic: string[] = [];
  const queue = entries.map((e) => path.join(ROOT, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.includes(`${path.sep}generated${path.sep}`)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/useTranslations\(\s*(?:"([^"]+)"|'([^']+)')?\s*\)/g)) {
      const ns = m[1] ?? m[2];
      if (ns) namespaces.add(ns.split(".")[0]);
      else dynamic.push(path.relative(ROOT, file));
    }
    if (/useTranslations\(\s*[^"')\s]/.test(text)) dynamic.push(path.relative(ROOT, file));
    for (const m of text.matchAll(/(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
      const target = resolveImport(file, m[1] ?? m[2]);
      if (target) queue.push(target);
    }
  }
  return { namespaces, dynamic };
}

const PARTICIPANT_PAGES = ["app/join/page.tsx", "app/play/[sessionId]/page.tsx", "app/drill/[token]/page.tsx", "app/drill/open/[token]/page.tsx"];
/** Pages a participant page links to in place (the ended screen's privacy link): they render with the participant's messages. */
const LINKED_IN_PLACE = ["app/privacy/page.tsx"];

describe("participant pages' client messages", () => {
  it("hold every namespace their components use", () => {
    const { namespaces, dynamic } = namespacesReached([...PARTICIPANT_PAGES, ...LINKED_IN_PLACE, "app/layout.tsx"]);
    expect(dynamic, "a namespace chosen at run time cannot be checked").toEqual([]);
    const scope = new Set<string>([...GLOBAL_NAMESPACES, ...PARTICIPANT_NAMESPACES]);
    expect([...namespaces].filter((ns) => !scope.has(ns)).sort()).toEqual([]);
    expect(namespaces.size).toBeGreaterThan(3);
  });

  it("hold only namespaces that exist, in both languages", () => {
    for (const locale of Object.keys(MESSAGES) as Array<keyof typeof MESSAGES>) {
      for (const ns of [...GLOBAL_NAMESPACES, ...PARTICIPANT_NAMESPACES]) expect(MESSAGES[locale], `${locale}: ${ns}`).toHaveProperty([ns]);
    }
  });

  it("are picked by path, and staff pages keep every namespace", () => {
    expect(isParticipantPath("/drill/abc")).toBe(true);
    expect(isParticipantPath("/drill/open/abc")).toBe(true);
    expect(isParticipantPath("/play/s1")).toBe(true);
    expect(isParticipantPath("/join")).toBe(true);
    expect(isParticipantPath("/drills/mine")).toBe(false);
    expect(isParticipantPath("/sessions/s1")).toBe(false);
    expect(isParticipantPath(null)).toBe(false);
    const en = MESSAGES.en as Record<string, unknown>;
    const picked = clientMessages(en, "/drill/abc");
    expect(Object.keys(picked).sort()).toEqual([...new Set([...GLOBAL_NAMESPACES, ...PARTICIPANT_NAMESPACES])].sort());
    expect(clientMessages(en, "/sessions/s1")).toBe(en);
    // The point of it: a participant's page carries a fraction of the catalogue.
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(en).length / 2);
  });
});
