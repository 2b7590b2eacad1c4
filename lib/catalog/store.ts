// Stored scenario versions: the bundled library is synced at startup, uploads are
// linted with the same linter as the CLI, and every version is kept, identified by
// the SHA-256 of its canonical JSON, so a session pins exactly what it ran.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hasErrors, lintScenarioText, type Finding, type TScenario } from "@/lib/scenario";
import { entryMatchesLocale, groupTranslations, type CatalogEntry } from "./group";
import { audit } from "@/lib/audit/log";
import type { SignedInUser } from "@/lib/auth/types";
import { DomainError } from "@/lib/errors/domain-error";

export const MAX_SCENARIO_BYTES = 1024 * 1024;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== "$schema" && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(document: unknown): string {
  return crypto.createHash("sha256").update(canonical(document)).digest("hex");
}

export type ImportResult =
  | { ok: true; id: string; slug: string; contentHash: string; created: boolean; warnings: Finding[] }
  | { ok: false; findings: Finding[] };

/** Lints `text` and stores it as a new version unless that exact content exists. */
export async function importScenarioText(
  prisma: PrismaClient,
  text: string,
  opts: { source: "library" | "upload" | "studio"; createdById?: string | null },
): Promise<ImportResult> {
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES) {
    return { ok: false, findings: [{ severity: "error", code: "SYNTAX", pointer: "", message: `the file is larger than ${MAX_SCENARIO_BYTES / 1024} KiB` } as Finding] };
  }
  const { findings, scenario } = lintScenarioText(text);
  if (hasErrors(findings) || !scenario) return { ok: false, findings };
  const document = JSON.parse(text) as Record<string, unknown>;
  const hash = contentHash(document);
  const same = () => prisma.scenario.findUnique({ where: { slug_contentHash: { slug: scenario.id, contentHash: hash } } });
  const existing = await same();
  if (existing) return { ok: true, id: existing.id, slug: scenario.id, contentHash: hash, created: false, warnings: findings };
  let row: { id: string };
  try {
    row = await prisma.scenario.create({
      data: {
        slug: scenario.id,
        title: scenario.title,
        locale: scenario.locale,
        contentHash: hash,
        document: document as object,
        source: opts.source,
        createdById: opts.createdById ?? null,
      },
    });
  } catch (e) {
    // The same file imported twice at once: the other import inserted it between the look-up
    // and this insert (a unique violation), so this one finds it, as if it had come second.
    const raced = (e as { code?: unknown }).code === "P2002" ? await same() : null;
    if (!raced) throw e;
    return { ok: true, id: raced.id, slug: scenario.id, contentHash: hash, created: false, warnings: findings };
  }
  return { ok: true, id: row.id, slug: scenario.id, contentHash: hash, created: true, warnings: findings };
}

/** The slug and content hash of a scenario file, when it parses as a JSON object with a string id (else null: the linter says why). */
function identify(text: string): { slug: string; hash: string } | null {
  try {
    const document = JSON.parse(text) as unknown;
    if (!document || typeof document !== "object" || Array.isArray(document)) return null;
    const slug = (document as { id?: unknown }).id;
    return typeof slug === "string" ? { slug, hash: contentHash(document) } : null;
  } catch {
    return null;
  }
}

/**
 * Imports every bundled scenarios/*.json; a file with errors is reported, not stored. A file
 * whose exact content is already stored is counted as unchanged without being linted again:
 * it was linted when it was stored, and the stored version is what sessions run. One query
 * finds them, so a restart on existing data spends no time on the library.
 */
export async function syncLibrary(prisma: PrismaClient, dir: string): Promise<{ imported: number; unchanged: number; failed: string[] }> {
  const result = { imported: 0, unchanged: 0, failed: [] as string[] };
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "scenario.schema.json")
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      return { name, text, id: identify(text) };
    });
  const slugs = [...new Set(files.flatMap((f) => (f.id ? [f.id.slug] : [])))];
  const stored = await prisma.scenario.findMany({ where: { slug: { in: slugs } }, select: { slug: true, contentHash: true } });
  const storedKeys = new Set(stored.map((s) => `${s.slug}\n${s.contentHash}`));
  for (const file of files) {
    if (file.id && storedKeys.has(`${file.id.slug}\n${file.id.hash}`)) {
      result.unchanged++;
      continue;
    }
    const r = await importScenarioText(prisma, file.text, { source: "library" });
    if (!r.ok) result.failed.push(file.name);
    else if (r.created) result.imported++;
    else result.unchanged++;
  }
  return result;
}

export type ScenarioSummary = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  locale: string;
  /** Slug of the original when this scenario is a translation. */
  translationOf?: string;
  tags: string[];
  estimatedMinutes: number;
  decisions: number;
  source: string;
  contentHash: string;
  createdAt: Date;
};

function summarize(row: { id: string; slug: string; title: string; locale: string; source: string; contentHash: string; createdAt: Date; document: unknown }): ScenarioSummary {
  const doc = row.document as TScenario;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: doc.summary,
    locale: row.locale,
    ...(doc.translationOf ? { translationOf: doc.translationOf } : {}),
    tags: doc.tags ?? [],
    estimatedMinutes: doc.estimatedMinutes,
    decisions: doc.nodes.filter((n) => n.type === "decision").length,
    source: row.source,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
  };
}

export type CatalogFilter = { q?: string; tag?: string; locale?: string };

/** The newest version of each scenario, filtered by text, tag and language. */
export async function listScenarios(prisma: PrismaClient, filter: CatalogFilter = {}): Promise<ScenarioSummary[]> {
  const rows = await prisma.scenario.findMany({ distinct: ["slug"], orderBy: [{ slug: "asc" }, { createdAt: "desc" }] });
  const q = filter.q?.trim().toLowerCase();
  return rows
    .map(summarize)
    .filter((s) => !filter.tag || s.tags.includes(filter.tag))
    .filter((s) => !filter.locale || s.locale === filter.locale || s.locale.startsWith(`${filter.locale}-`))
    .filter((s) => !q || `${s.title} ${s.summary} ${s.tags.join(" ")}`.toLowerCase().includes(q))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * One entry per scenario (translations grouped with their original), newest versions only.
 * An entry matches the filter when any of its languages does; it shows the filtered language,
 * else the reader's, else the original.
 */
export async function listScenarioEntries(prisma: PrismaClient, filter: CatalogFilter = {}, readerLocale?: string): Promise<CatalogEntry[]> {
  const preferred = [filter.locale, readerLocale].filter((l): l is string => Boolean(l));
  const q = filter.q?.trim().toLowerCase();
  return groupTranslations(await listScenarios(prisma), preferred)
    .filter((e) => !filter.tag || e.languages.some((s) => s.tags.includes(filter.tag!)))
    .filter((e) => !filter.locale || entryMatchesLocale(e, filter.locale))
    .filter((e) => !q || e.languages.some((s) => `${s.title} ${s.summary} ${s.tags.join(" ")}`.toLowerCase().includes(q)))
    .sort((a, b) => a.shown.title.localeCompare(b.shown.title));
}

export async function getScenarioVersion(prisma: PrismaClient, id: string) {
  const row = await prisma.scenario.findUnique({ where: { id } });
  if (!row) return null;
  const versions = await prisma.scenario.findMany({
    where: { slug: row.slug },
    orderBy: { createdAt: "desc" },
    select: { id: true, contentHash: true, createdAt: true, source: true },
  });
  const text = JSON.stringify(row.document);
  return { ...summarize(row), document: row.document as TScenario, lint: lintScenarioText(text).findings, versions };
}

/** Deletes one scenario version that no session was run from (those keep their script, for their reports). */
export async function deleteScenarioVersion(prisma: PrismaClient, actor: SignedInUser, id: string) {
  const version = await prisma.scenario.findUnique({ where: { id }, select: { id: true, slug: true, contentHash: true, _count: { select: { sessions: true } } } });
  if (!version) throw new DomainError("NOT_FOUND", "no scenario version has this id; it may already be deleted");
  if (version._count.sessions > 0) {
    throw new DomainError("SCENARIO_IN_USE", `${version._count.sessions} session(s) were run from this version; it is kept so their reports can show what was played`);
  }
  await prisma.$transaction(async (tx) => {
    await tx.scenario.delete({ where: { id: version.id } });
    await audit(tx, actor, "delete", "scenario", version.id, { slug: version.slug, contentHash: version.contentHash });
  });
  return { id: version.id, slug: version.slug };
}
