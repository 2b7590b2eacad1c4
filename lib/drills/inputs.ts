// What clients send to create, change and play a drill: strict zod schemas with their limits.
import { z } from "zod";

export const DRILL_LIMITS = { invitees: 5000, reasoningMin: 10, reasoningMax: 400, title: 120, timerScaleMin: 0.25, timerScaleMax: 20, reminderDaysMax: 30 } as const;

const ZId = z.string().min(1).max(64);

export const ZDrillInvitee = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "must be an e-mail address" })),
  name: z.string().trim().min(1).max(80).optional(),
  locale: z.enum(["en", "pl"]).default("en"),
  /** The organisation team the invitee belongs to, for the funnel by team. */
  teamId: ZId.optional(),
});

export const ZCreateDrill = z
  .strictObject({
    scenarioId: ZId,
    title: z.string().trim().min(1).max(DRILL_LIMITS.title).optional(),
    opensAt: z.coerce.date({ error: "must be a date and time (ISO 8601)" }),
    closesAt: z.coerce.date({ error: "must be a date and time (ISO 8601)" }),
    anonymous: z.boolean().default(false),
    /** A link anyone who has it may use, besides (or instead of) personal invitations. */
    openLink: z.boolean().default(false),
    /** Scenario timers: null for off, or a factor each time limit is multiplied by. */
    timerScale: z.number().min(DRILL_LIMITS.timerScaleMin).max(DRILL_LIMITS.timerScaleMax).nullable().default(null),
    invitees: z.array(ZDrillInvitee).max(DRILL_LIMITS.invitees).default([]),
    /** With e-mail on: the automatic reminder goes this many days before the deadline (0 = none). */
    reminderDays: z.number().int().min(0).max(DRILL_LIMITS.reminderDaysMax).default(2),
  })
  .superRefine((d, ctx) => {
    if (d.closesAt.getTime() <= d.opensAt.getTime()) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "the deadline must be after the opening time" });
    if (d.closesAt.getTime() <= Date.now()) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "the deadline must be in the future" });
    if (!d.openLink && d.invitees.length === 0) ctx.addIssue({ code: "custom", path: ["invitees"], message: "invite at least one person, or turn on the open link" });
    const seen = new Set<string>();
    d.invitees.forEach((inv, i) => {
      if (seen.has(inv.email)) ctx.addIssue({ code: "custom", path: ["invitees", i, "email"], message: "this address is listed twice" });
      seen.add(inv.email);
    });
  });

export const ZDrillDeadline = z.strictObject({ closesAt: z.coerce.date({ error: "must be a date and time (ISO 8601)" }) });

/** Where the participant is: a retried or late request for an old position changes nothing. */
const ZPosition = { nodeId: ZId, visit: z.number().int().min(1).max(10_000) };

export const ZDrillAnswer = z.strictObject({
  type: z.literal("answer"),
  ...ZPosition,
  /** Makes a retry safe: the same key is recorded once. */
  key: z.string().min(8).max(100),
  optionId: ZId,
  confidence: z.number().int().min(1, "choose a confidence from 1 to 5").max(5, "choose a confidence from 1 to 5"),
  reasoning: z.string().trim().max(DRILL_LIMITS.reasoningMax, `at most ${DRILL_LIMITS.reasoningMax} characters: one or two sentences`).optional(),
});

/** Everything a participant does, as one body: start, move on from an inject, answer, or report the timer ran out. */
export const ZDrillAction = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("advance"), ...ZPosition }),
  z.strictObject({ type: z.literal("timeout"), ...ZPosition }),
  ZDrillAnswer,
]);
export type DrillAction = z.infer<typeof ZDrillAction>;
