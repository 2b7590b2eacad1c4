// The input schemas of the session service: what a client may send to create, join, vote,
// answer, choose a team or command a session. Strict objects, so unknown keys are refused.
import { z } from "zod";
import { ZPersonName } from "@/lib/security/text";
import { ZSessionTeamChoice } from "@/lib/teams/service";

export const LIMITS = { displayName: 40, teamName: 60, teams: 50, answerText: 4000, noteText: 4000, title: 120, reason: 500 } as const;

const ZId = z.string().min(1).max(64);
export const ZCreateSession = z.strictObject({
  scenarioId: ZId,
  title: z.string().trim().min(1).max(LIMITS.title).optional(),
  /** Organisation teams: `{ teamId }` of a listed team, or a name (a new team is added when none has it). */
  teams: z
    .array(ZSessionTeamChoice)
    .min(1, "at least one team is needed")
    .max(LIMITS.teams)
    .superRefine((choices, ctx) => {
      const seen = new Set<string>();
      choices.forEach((c, i) => {
        const k = typeof c === "string" ? `name:${c.toLowerCase()}` : `id:${c.teamId}`;
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: "team names must be different" });
        seen.add(k);
      });
    }),
  anonymous: z.boolean().default(false),
  selfAssign: z.boolean().default(true),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).optional(),
});

export const ZJoin = z.strictObject({
  code: z.string().min(1).max(32),
  /** Makes a retried join safe: the same key returns the stored answer (the same participant and resume token). */
  key: z.string().min(8).max(100).optional(),
  displayName: ZPersonName(LIMITS.displayName).optional(),
  teamId: ZId.optional(),
  roleId: ZId.optional(),
});
export const ZVote = z.strictObject({ nodeId: ZId, visit: z.number().int().min(1).max(10_000), optionId: ZId });
export const ZAnswer = z
  .strictObject({
    nodeId: ZId,
    visit: z.number().int().min(1).max(10_000),
    questionId: ZId,
    text: z.string().max(LIMITS.answerText).optional(),
    value: z.number().int().min(1).max(5).optional(),
  })
  .refine((a) => (a.text === undefined) !== (a.value === undefined), "send either text or value");
export const ZChooseTeam = z.strictObject({ teamId: ZId, roleId: ZId.nullable().optional() });

export const ZCommand = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  z.strictObject({ type: z.literal("end") }),
  z.strictObject({ type: z.literal("advance"), teamId: ZId }),
  z.strictObject({ type: z.literal("lock"), teamId: ZId, optionId: ZId.optional(), reason: z.string().trim().max(LIMITS.reason).optional() }),
  z.strictObject({ type: z.literal("note"), teamId: ZId.optional(), text: z.string().trim().min(1).max(LIMITS.noteText) }),
  /** Adds time to the team's decision timer (the console's "+1 min"). */
  z.strictObject({ type: z.literal("extend"), teamId: ZId, seconds: z.number().int().min(10).max(600).default(60) }),
  z.strictObject({ type: z.literal("reveal"), teamId: ZId, show: z.boolean({ error: "show is true (reveal the team's votes to the room) or false (hide them)" }) }),
  z.strictObject({ type: z.literal("assign"), participantId: ZId, teamId: ZId.nullable(), roleId: ZId.nullable().optional() }),
]);
export type Command = z.infer<typeof ZCommand>;
