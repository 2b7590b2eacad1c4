// Format 1.1 additions: exercise time (the fictional clock of the story), regulatory clocks
// with their start triggers, the tasks that stop or start them (notices and determinations),
// and who owns a decision. All optional, so every 1.0 file stays valid. Regime ids, triggers
// that can never fire and missing notice fields are judged by the linter (lib/scenario/lint/clocks.ts),
// which names the exact problem, rather than by the schema.
import { z } from "zod";
import { REGIME_IDS } from "./regimes";

const ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const idMessage = (what: string) => `${what} must start with a letter and contain only letters, digits, "_", "." or "-"`;
const ZId = (what: string) => z.string().regex(ID, { error: idMessage(what) });
const ZText = (what: string) => z.string().regex(/\S/, { error: `${what} must not be empty` });

/** Local date-time without an offset: the zone is `exerciseTime.timeZone`. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

export const ZExerciseTime = z
  .strictObject({
    start: z
      .string()
      .regex(LOCAL_DATE_TIME, { error: 'start must be a local date and time such as "2026-06-13T09:40"' })
      .describe("Fictional start of the story, local time in `timeZone` (no offset)."),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'timeZone must be an IANA time zone such as "Europe/Warsaw"' })
      .describe("IANA time zone of the story; deadlines and business days are counted in it."),
    injectMinutes: z.number().int().min(0).default(0).describe("Fictional minutes each inject consumes, unless the node says otherwise."),
    decisionMinutes: z.number().int().min(0).default(0).describe("Fictional minutes each decision consumes, unless the node says otherwise."),
    compression: z
      .number()
      .positive()
      .optional()
      .describe("Fictional seconds per real second of running time, on top of the steps (60: one real minute is one fictional hour)."),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a holiday is a date such as "2026-12-25"' }))
      .default([])
      .describe("Dates that are not business days (business-day deadlines such as sec-8k skip them)."),
  })
  .describe("The story's own clock: a fictional start, time consumed per step, and/or a compression factor.");

export const ZDuration = z
  .union([
    z.strictObject({ hours: z.number().positive() }),
    z.strictObject({ days: z.number().int().positive() }),
    z.strictObject({ businessDays: z.number().int().positive() }),
    z.strictObject({ months: z.number().int().positive() }),
  ])
  .describe("{hours}, {days} (calendar), {businessDays} or {months}.");

export const ZTrigger = z
  .union([
    z.strictObject({ reached: ZId("a node reference") }),
    z.strictObject({ chose: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*\.[A-Za-z][A-Za-z0-9_.-]*$/, { error: '`chose` must look like "decisionId.optionId"' }) }),
    z.strictObject({ completed: ZId("a task id") }),
    z.strictObject({ manual: z.literal(true) }),
  ])
  .describe('What starts a clock: {reached: nodeId}, {chose: "decisionId.optionId"}, {completed: taskId} or {manual: true} (the facilitator starts it).');
export type TTrigger = z.infer<typeof ZTrigger>;

export const ZClock = z.strictObject({
  id: ZId("a clock id"),
  regime: z.string().describe(`One of: ${REGIME_IDS.join(", ")}.`),
  label: z.string().optional().describe("Short name shown on the countdown; the regime's name when absent."),
  start: ZTrigger,
  awareness: ZTrigger.optional().describe("dora-initial only: when the entity became aware (the 24-hour outer limit)."),
  deadline: ZDuration.optional().describe("Required for regimes whose law sets no number (declared deadlines); not allowed otherwise."),
  deadlineBasis: z.string().optional().describe('Where a declared deadline comes from, e.g. "DPA clause 9.2: 24 hours".'),
  audience: ZText("clock audience").describe('Who must be notified, e.g. "Prezes UODO (online form)".'),
  assumption: ZText("clock assumption").describe("Why the scenario assumes this regime applies to the organisation."),
  capabilities: z
    .array(ZId("a capability id"))
    .default([])
    .describe('Capabilities the notice\'s timeliness and completeness score towards, typically ["RS.CO"].'),
});
export type TClock = z.infer<typeof ZClock>;

export const ZNoticeField = z.strictObject({
  id: ZId("a field id"),
  label: ZText("field label"),
  help: z.string().optional(),
});

export const ZNotificationTask = z.strictObject({
  id: ZId("a task id"),
  kind: z.literal("notification"),
  clock: ZId("a clock reference").describe("The clock this notice stops."),
  title: ZText("task title"),
  opensAt: ZId("a node reference").optional().describe("The team can submit from this node on; from the clock's start when absent."),
  submitter: ZId("a role id").optional().describe("The role that submits; anyone in the team when absent or when nobody holds it."),
  phased: z.boolean().default(false).describe("The notice may be sent in phases (GDPR Art. 33(4)); later phases complete it."),
  fields: z.array(ZNoticeField).min(1, { error: "a notification needs at least one field" }),
});

export const ZDeterminationTask = z.strictObject({
  id: ZId("a task id"),
  kind: z.literal("determination"),
  title: ZText("task title").describe('e.g. "Classify the incident (DORA)" or "Determine materiality".'),
  opensAt: ZId("a node reference").optional(),
  completedBy: z
    .union([z.strictObject({ reached: ZId("a node reference") }), z.strictObject({ chose: z.string() })])
    .describe("The story event that completes the determination."),
});

export const ZTask = z.discriminatedUnion("kind", [ZNotificationTask, ZDeterminationTask]);
export type TTask = z.infer<typeof ZTask>;

/** Decision rights, on a decision node. */
export const ZDecisionRights = {
  owner: z.array(ZId("a role id")).min(1).optional().describe("Roles that own the decision: when one is held in the team, only its votes decide."),
  consult: z.array(ZId("a role id")).optional().describe("Roles that must be consulted; the AAR shows decisions taken against their vote."),
  justify: z.boolean().optional().describe("Asynchronous drills: ask voters to justify their choice."),
  elapseMinutes: z.number().int().min(0).optional().describe("Fictional minutes this decision consumes (overrides exerciseTime.decisionMinutes)."),
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
