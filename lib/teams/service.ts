// Organisation teams as explicit records: listing, creating, renaming, archiving and merging
// them (the Teams page and /api/teams), and turning a new session's team choices into team
// records. A session links to a team by id; a name only ever finds the team whose name it is,
// and every change is audited in the same transaction.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";
import { DomainError } from "@/lib/errors/domain-error";
import { canAddTeamWithSession } from "@/lib/auth/permissions";
import type { SignedInUser } from "@/lib/auth/types";

export const TEAM_NAME_MAX = 60;
/** A team request is a name or an id: anything larger is refused before it is read. */
export const TEAM_BODY_BYTES = 4 * 1024;

/** A team's name: visible text, one line, no control characters. */
export const ZTeamName = z
  .string({ error: "the team name is text" })
  .trim()
  .min(1, { error: "a team name cannot be empty" })
  .max(TEAM_NAME_MAX, { error: `keep a team name under ${TEAM_NAME_MAX + 1} characters` })
  .refine((s) => !/[\p{Cc}\p{Cs}]/u.test(s), { error: "a team name cannot contain control characters or broken characters" });

const ZTeamId = z.string({ error: "the team id is text" }).trim().min(1, { error: "the team id is required" }).max(64, { error: "the team id is too long" });

export const ZNewTeam = z.strictObject({ name: ZTeamName });
export const ZTeamPatch = z
  .strictObject({ name: ZTeamName.optional(), archived: z.boolean({ error: "archived is true or false" }).optional() })
  .refine((p) => p.name !== undefined || p.archived !== undefined, { error: "send name, archived or both" });
export const ZTeamMerge = z.strictObject({ into: ZTeamId });

/** One team a new session takes part with: a listed team by id, or a team by its name (created when none has it). */
export const ZSessionTeamChoice = z.union([ZTeamName, z.strictObject({ teamId: ZTeamId })], {
  error: 'each team is a name, or { "teamId": … } of a team from the Teams list',
});
export type TSessionTeamChoice = z.infer<typeof ZSessionTeamChoice>;

export const TEAM_SELECT = { id: true, name: true, createdAt: true, updatedAt: true, archivedAt: true } as const;

export type TeamRow = { id: string; name: string; archivedAt: Date | null; createdAt: Date; sessions: number; openItems: number };

/** Teams for the Teams page (archived ones too, last), with how much history each holds. */
export async function listTeams(prisma: PrismaClient, opts: { includeArchived?: boolean } = {}): Promise<TeamRow[]> {
  const rows = await prisma.team.findMany({
    where: opts.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ name: "asc" }],
    take: 2000,
    select: {
      ...TEAM_SELECT,
      _count: { select: { sessions: true, improvementItems: { where: { status: { in: ["OPEN", "IN_PROGRESS"] } } } } },
    },
  });
  const teams = rows.map((t) => ({ id: t.id, name: t.name, archivedAt: t.archivedAt, createdAt: t.createdAt, sessions: t._count.sessions, openItems: t._count.improvementItems }));
  return teams.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null));
}

type Db = Pick<PrismaClient, "team">;

/** The team whose name this is, ignoring case ("Blue team" and "blue Team" are one team). */
async function teamNamed(db: Db, name: string, exceptId?: string) {
  return db.team.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: TEAM_SELECT });
}

function nameTaken(name: string, archived: boolean, path = "/name"): DomainError {
  return new DomainError(
    "TEAM_NAME_TAKEN",
    archived ? `a team named "${name}" exists but is archived; restore it on the Teams page or choose another name` : `a team named "${name}" already exists; pick it from the list or choose another name`,
    path,
  );
}

async function teamById(db: Db, id: string) {
  const team = await db.team.findUnique({ where: { id }, select: TEAM_SELECT });
  if (!team) throw new DomainError("TEAM_NOT_FOUND", `no team has the id ${id}`);
  return team;
}

/** One team by id, for its report page; null when there is none. */
export function findTeam(prisma: PrismaClient, id: string) {
  return prisma.team.findUnique({ where: { id }, select: { id: true, name: true } });
}

export async function createTeam(prisma: PrismaClient, actor: SignedInUser, raw: unknown) {
  const { name } = ZNewTeam.parse(raw);
  return prisma.$transaction(async (tx) => {
    const existing = await teamNamed(tx, name);
    if (existing) throw nameTaken(existing.name, existing.archivedAt !== null);
    const team = await tx.team.create({ data: { name, createdById: actor.id }, select: TEAM_SELECT });
    await audit(tx, actor, "create", "team", team.id, { via: "teams" });
    return team;
  });
}

/** Renames, archives or restores a team. The name each session used stays in that session's own records. */
export async function updateTeam(prisma: PrismaClient, actor: SignedInUser, id: string, raw: unknown) {
  const patch = ZTeamPatch.parse(raw);
  return prisma.$transaction(async (tx) => {
    const before = await teamById(tx, id);
    const data: Prisma.TeamUpdateInput = {};
    if (patch.name !== undefined && patch.name !== before.name) {
      const other = await teamNamed(tx, patch.name, id);
      if (other) throw nameTaken(other.name, other.archivedAt !== null);
      data.name = patch.name;
    }
    if (patch.archived !== undefined && patch.archived !== (before.archivedAt !== null)) data.archivedAt = patch.archived ? new Date() : null;
    const changed = Object.keys(data).map((k) => (k === "archivedAt" ? "archived" : k));
    if (changed.length === 0) return { team: before, changed };
    const team = await tx.team.update({ where: { id }, data, select: TEAM_SELECT });
    // Which fields changed, not their values: the team's record itself is the current value.
    await audit(tx, actor, "modify", "team", id, { changed });
    return { team, changed };
  });
}

/**
 * Merges a duplicate into the team that stays: its sessions and improvement items move over (so
 * its history counts as the surviving team's), then the duplicate is deleted.
 */
export async function mergeTeam(prisma: PrismaClient, actor: SignedInUser, id: string, raw: unknown) {
  const { into } = ZTeamMerge.parse(raw);
  if (into === id) throw new DomainError("INVALID_INPUT", "into: a team cannot be merged into itself; choose the team that stays", "/into");
  return prisma.$transaction(async (tx) => {
    const gone = await teamById(tx, id);
    const stays = await tx.team.findUnique({ where: { id: into }, select: TEAM_SELECT });
    if (!stays) throw new DomainError("INVALID_INPUT", `into: no team has the id ${into}`, "/into");
    if (stays.archivedAt) throw new DomainError("TEAM_ARCHIVED", `into: "${stays.name}" is archived; restore it first or merge into an active team`, "/into");
    const sessions = (await tx.sessionTeam.updateMany({ where: { teamId: id }, data: { teamId: into } })).count;
    const items = (await tx.improvementItem.updateMany({ where: { teamId: id }, data: { teamId: into } })).count;
    await tx.team.delete({ where: { id } });
    await audit(tx, actor, "modify", "team", into, { change: "merge", mergedTeamId: id, sessions, items });
    await audit(tx, actor, "delete", "team", id, { change: "merged", into });
    return { team: stays, merged: { id: gone.id, sessions, items } };
  });
}

/**
 * The organisation teams a new session takes part with, in order. A `{ teamId }` must be an active
 * team; a name finds the team of that name, or adds a new team where the matrix allows it. An
 * archived team is never picked for a new session. Runs inside the session's transaction.
 */
export async function resolveSessionTeams(tx: Prisma.TransactionClient, user: SignedInUser, choices: readonly TSessionTeamChoice[]): Promise<Array<{ teamId: string; name: string }>> {
  const out: Array<{ teamId: string; name: string }> = [];
  for (const [i, choice] of choices.entries()) {
    let team: { id: string; name: string; archivedAt: Date | null } | null;
    if (typeof choice === "string") {
      team = await teamNamed(tx, choice);
      if (!team) {
        if (!canAddTeamWithSession(user.role)) throw new DomainError("FORBIDDEN", `teams/${i}: your role may not add teams; pick one from the Teams list`, `/teams/${i}`);
        // By exact name, so two sessions started at the same moment with the same new team share it.
        team = await tx.team.upsert({ where: { name: choice }, create: { name: choice, createdById: user.id }, update: {}, select: TEAM_SELECT });
        await audit(tx, user, "create", "team", team.id, { via: "session" });
      }
    } else {
      team = await tx.team.findUnique({ where: { id: choice.teamId }, select: TEAM_SELECT });
      if (!team) throw new DomainError("INVALID_INPUT", `teams/${i}/teamId: no team has the id ${choice.teamId}`, `/teams/${i}/teamId`);
    }
    if (team.archivedAt) throw new DomainError("INVALID_INPUT", `teams/${i}: the team "${team.name}" is archived; pick another team, or ask a manager to restore it`, `/teams/${i}`);
    if (out.some((t) => t.teamId === team.id)) throw new DomainError("INVALID_INPUT", `teams/${i}: the team "${team.name}" is listed twice`, `/teams/${i}`);
    out.push({ teamId: team.id, name: team.name });
  }
  return out;
}
