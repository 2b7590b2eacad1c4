// Studio drafts: each author's working copies, saved as they are (errors and all), and
// publishing, which lints a draft and stores it through the catalogue's import path as a new
// immutable version. Sessions only ever start from stored versions, so a draft, valid or not,
// never reaches a session until it is published.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { audit } from "@/lib/audit/log";
import { importScenarioText, MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { hasErrors, lintScenario, type Finding } from "@/lib/scenario";
import { DomainError } from "@/lib/errors/domain-error";
import { emptyScenario, type StudioDoc } from "./document";
import { TEMPLATE_IDS, templateDocument } from "./templates";

export const MAX_DRAFTS_PER_USER = 200;
/** A draft request's body: room for the JSON envelope around a scenario of the largest allowed size. */
export const MAX_DRAFT_BODY_BYTES = MAX_SCENARIO_BYTES + 16 * 1024;

export const ZDraftDocument = z.record(z.string(), z.unknown(), { error: "document must be a JSON object (a scenario file)" });
export const ZCreateDraft = z.strictObject({
  document: ZDraftDocument.optional(),
  baseScenarioId: z.string().min(1).max(64).optional(),
  /** A pattern from the template gallery (lib/studio/templates.ts), written in `locale`. */
  template: z.enum(TEMPLATE_IDS, { error: `must be one of ${TEMPLATE_IDS.join(", ")}` }).optional(),
  locale: z.enum(["en", "pl"], { error: "must be en or pl" }).optional(),
}).refine((i) => [i.document, i.baseScenarioId, i.template].filter((x) => x !== undefined).length <= 1, {
  error: "give at most one of document, baseScenarioId and template",
  path: ["template"],
});
export const ZSaveDraft = z.strictObject({ document: ZDraftDocument });

/** Publishing refused: the draft has errors, each one listed for the editor to point at. */
export class DraftInvalidError extends DomainError {
  constructor(readonly findings: Finding[]) {
    super("SCENARIO_INVALID", "the draft has errors; fix them before publishing");
  }
}

export type DraftSummary = { id: string; title: string; baseScenarioId: string | null; updatedAt: Date; createdAt: Date };
export type DraftRecord = DraftSummary & { document: StudioDoc };

function titleOf(doc: StudioDoc): string {
  const title = typeof doc.title === "string" ? doc.title.trim() : "";
  const id = typeof doc.id === "string" ? doc.id : "";
  return (title || id || "").slice(0, 200);
}

function assertSize(doc: StudioDoc): void {
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  if (bytes > MAX_SCENARIO_BYTES) {
    throw new DomainError("DRAFT_TOO_LARGE", `the document is ${Math.ceil(bytes / 1024)} KiB; a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB`);
  }
}

const SUMMARY = { id: true, title: true, baseScenarioId: true, updatedAt: true, createdAt: true } as const;

export async function listDrafts(prisma: PrismaClient, ownerId: string): Promise<DraftSummary[]> {
  return prisma.scenarioDraft.findMany({ where: { ownerId }, orderBy: { updatedAt: "desc" }, select: SUMMARY });
}

/** A new draft: empty, from a template, from a given document (an imported file), or a copy of a stored version. */
export async function createDraft(
  prisma: PrismaClient,
  ownerId: string,
  input: z.infer<typeof ZCreateDraft>,
): Promise<DraftRecord> {
  let document: StudioDoc = input.document ?? (input.template ? templateDocument(input.template, input.locale) : emptyScenario());
  let baseScenarioId: string | null = null;
  if (input.baseScenarioId) {
    const base = await prisma.scenario.findUnique({ where: { id: input.baseScenarioId } });
    if (!base) throw new DomainError("SCENARIO_NOT_FOUND", `no stored scenario has id "${input.baseScenarioId}"`);
    document = base.document as StudioDoc;
    baseScenarioId = base.id;
  }
  assertSize(document);
  const count = await prisma.scenarioDraft.count({ where: { ownerId } });
  if (count >= MAX_DRAFTS_PER_USER) {
    throw new DomainError("TOO_MANY_DRAFTS", `you already have ${count} drafts; delete some before starting another`);
  }
  const row = await prisma.scenarioDraft.create({
    data: { ownerId, baseScenarioId, title: titleOf(document), document: document as object },
  });
  return { ...row, document: row.document as StudioDoc };
}

/** The owner's draft, or null: other people's drafts are not visible, not even to admins. */
export async function getDraft(prisma: PrismaClient, ownerId: string, id: string): Promise<DraftRecord | null> {
  const row = await prisma.scenarioDraft.findFirst({ where: { id, ownerId } });
  return row ? { ...row, document: row.document as StudioDoc } : null;
}

export async function saveDraft(prisma: PrismaClient, ownerId: string, id: string, document: StudioDoc): Promise<DraftSummary> {
  assertSize(document);
  const { count } = await prisma.scenarioDraft.updateMany({ where: { id, ownerId }, data: { document: document as object, title: titleOf(document) } });
  if (count === 0) throw new DomainError("DRAFT_NOT_FOUND", "this draft does not exist or is not yours");
  return (await prisma.scenarioDraft.findUniqueOrThrow({ where: { id }, select: SUMMARY }));
}

export async function deleteDraft(prisma: PrismaClient, ownerId: string, id: string): Promise<void> {
  const { count } = await prisma.scenarioDraft.deleteMany({ where: { id, ownerId } });
  if (count === 0) throw new DomainError("DRAFT_NOT_FOUND", "this draft does not exist or is not yours");
}

export type PublishResult = { id: string; slug: string; contentHash: string; created: boolean; warnings: Finding[] };

/**
 * Lints the saved draft and, when it has no errors, stores it as a catalogue version (the
 * same import path as an upload). Refused drafts come back with every finding.
 */
export async function publishDraft(prisma: PrismaClient, user: SignedInUser, id: string): Promise<PublishResult> {
  const draft = await getDraft(prisma, user.id, id);
  if (!draft) throw new DomainError("DRAFT_NOT_FOUND", "this draft does not exist or is not yours");
  const { findings } = lintScenario(draft.document);
  if (hasErrors(findings)) {
    throw new DraftInvalidError(findings);
  }
  const result = await importScenarioText(prisma, JSON.stringify(draft.document, null, 2) + "\n", { source: "studio", createdById: user.id });
  if (!result.ok) throw new DraftInvalidError(result.findings);
  // Later publishes of this draft are new versions of what was just stored.
  await prisma.scenarioDraft.update({ where: { id }, data: { baseScenarioId: result.id } });
  if (result.created) {
    await audit(prisma, user, "create", "scenario", result.id, { slug: result.slug, contentHash: result.contentHash, via: "studio", draftId: id });
  }
  return { id: result.id, slug: result.slug, contentHash: result.contentHash, created: result.created, warnings: result.warnings };
}
