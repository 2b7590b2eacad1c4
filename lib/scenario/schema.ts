// Scenario format v1: the zod schema is the single source of truth for the file format.
// Types are inferred from it, and scenarios/scenario.schema.json is generated from it.
// Objects are strict everywhere, so a typo such as `nxt` is reported instead of ignored.
import { z } from "zod";
import { ZClock, ZDecisionRights, ZExerciseTime, ZTask } from "./clock-schema";

/** Ids of nodes, options, capabilities, roles, questions, training topics, objectives, variables. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
export const SCENARIO_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** BCP-47 shape; the refine below asks Intl whether the tag is well formed. */
export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
/** `decisionId.optionId`, or `decisionId.@timeout` for "the decision timed out". */
export const CHOSE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*\.(?:[A-Za-z][A-Za-z0-9_.-]*|@timeout)$/;
/** The value stored in `choices` when a decision resolved through its `onTimeout`. */
export const TIMEOUT_CHOICE = "@timeout";
export const TEAM_VOTE = "team-vote";

const idMessage = (what: string) =>
  `${what} must start with a letter and contain only letters, digits, "_", "." or "-"`;

const ZId = (what: string) => z.string().regex(ID_PATTERN, { error: idMessage(what) });
const ZNodeRef = ZId("a node reference").describe("Id of a node in `nodes`.");
const ZText = (what: string) => z.string().regex(/\S/, { error: `${what} must not be empty` });
/** Body-like text: may be empty in the schema; the linter warns with EMPTY_TEXT instead. */
const ZMarkdown = z.string();

export const ZValue = z.union([z.boolean(), z.number(), z.string()]);
export type TValue = z.infer<typeof ZValue>;

export const ZComparisonOp = z.enum(["eq", "ne", "lt", "lte", "gt", "gte"]);
export type TComparisonOp = z.infer<typeof ZComparisonOp>;

export type TCondition =
  | { all: TCondition[] }
  | { any: TCondition[] }
  | { not: TCondition }
  | { var: string; op: TComparisonOp; value: TValue }
  | { visited: string }
  | { chose: string };

export const ZCondition: z.ZodType<TCondition> = z
  .union([
    z.strictObject({
      get all() {
        return z.array(ZCondition).min(1, { error: "`all` needs at least one condition" });
      },
    }),
    z.strictObject({
      get any() {
        return z.array(ZCondition).min(1, { error: "`any` needs at least one condition" });
      },
    }),
    z.strictObject({
      get not() {
        return ZCondition;
      },
    }),
    z.strictObject({ var: ZId("a variable name"), op: ZComparisonOp, value: ZValue }),
    z.strictObject({ visited: ZNodeRef }),
    z.strictObject({
      chose: z.string().regex(CHOSE_PATTERN, {
        error: '`chose` must look like "decisionId.optionId" (or "decisionId.@timeout")',
      }),
    }),
  ])
  .describe(
    'A condition: {all:[…]}, {any:[…]}, {not:…}, {var, op, value}, {visited: nodeId} or {chose: "decisionId.optionId"}.',
  );

export const ZEffect = z
  .union([
    z.strictObject({ set: ZId("a variable name"), value: ZValue }),
    z.strictObject({ add: ZId("a variable name"), value: z.number() }),
  ])
  .describe("Changes a variable: {set: var, value} or {add: var, value} (numbers only).");
export type TEffect = z.infer<typeof ZEffect>;

/** Points per capability id. */
export const ZScore = z
  .record(ZId("a capability id"), z.number())
  .describe("Points per capability id, e.g. {\"RS\": 2, \"GV\": 1}.");
export type TScore = z.infer<typeof ZScore>;

export const ZEditorPosition = z
  .strictObject({ x: z.number(), y: z.number() })
  .describe("Position of the node in the visual editor; ignored by the engine.");

export const ZMedia = z.strictObject({
  kind: z.enum(["email", "chat", "news", "social", "document", "phone"]),
  from: z.string().optional(),
  subject: z.string().optional(),
  text: ZText("media text"),
});
export type TMedia = z.infer<typeof ZMedia>;

export const ZQuestion = z.strictObject({
  id: ZId("a question id"),
  text: ZText("question text"),
  kind: z.enum(["text", "scale"]).describe('"text" is a free answer; "scale" is a 1–5 rating.'),
  roles: z.array(ZId("a role id")).optional().describe("Roles asked; everyone when absent."),
});

export const ZInjectNode = z.strictObject({
  id: ZId("a node id"),
  type: z.literal("inject"),
  title: ZText("inject title"),
  body: ZMarkdown.describe("Markdown shown to the team."),
  media: z.array(ZMedia).optional(),
  audience: z.array(ZId("a role id")).optional().describe("Roles that see this inject; everyone when absent."),
  questions: z.array(ZQuestion).optional(),
  elapseMinutes: z.number().int().min(0).optional().describe("Fictional minutes this inject consumes (overrides exerciseTime.injectMinutes)."),
  next: ZNodeRef,
  editor: ZEditorPosition.optional(),
});
export type TInjectNode = z.infer<typeof ZInjectNode>;

export const ZOption = z.strictObject({
  id: ZId("an option id"),
  label: ZText("option label"),
  when: ZCondition.optional().describe("The option is shown as unavailable unless this holds."),
  effects: z.array(ZEffect).optional(),
  score: ZScore.optional(),
  feedback: z.string().optional().describe("Markdown shown after the option is chosen."),
  training: z.array(ZId("a training id")).optional().describe("Training topic ids this option relates to."),
  elapseMinutes: z.number().int().min(0).optional().describe("Fictional minutes the decision consumes when this option is chosen (format 1.1)."),
  next: ZNodeRef,
});
export type TOption = z.infer<typeof ZOption>;

export const ZTimeout = z.strictObject({
  next: ZNodeRef,
  score: ZScore.optional(),
  effects: z.array(ZEffect).optional(),
});

export const ZDecisionNode = z.strictObject({
  id: ZId("a node id"),
  type: z.literal("decision"),
  title: z.string().optional(),
  prompt: ZMarkdown.describe("The question put to the team (markdown)."),
  decidedBy: z
    .union([z.literal(TEAM_VOTE), ZId("a role id")])
    .default(TEAM_VOTE)
    .describe('"team-vote" (default) or the id of the role that decides.'),
  timeLimitSeconds: z.number().int().positive().optional(),
  options: z.array(ZOption).min(2, { error: "a decision needs at least two options" }),
  onTimeout: ZTimeout.optional(),
  teaching: z
    .literal("single-answer")
    .optional()
    .describe(
      'Marks a decision that deliberately has one right answer (e.g. a legal duty with no discretion); silences STRAWMAN_DECISION.',
    ),
  ...ZDecisionRights,
  editor: ZEditorPosition.optional(),
});
export type TDecisionNode = z.infer<typeof ZDecisionNode>;

export const ZBranchCase = z.strictObject({ when: ZCondition, next: ZNodeRef });

export const ZBranchNode = z.strictObject({
  id: ZId("a node id"),
  type: z.literal("branch"),
  cases: z.array(ZBranchCase).min(1, { error: "a branch needs at least one case" }),
  else: ZNodeRef.describe("Taken when no case holds."),
  editor: ZEditorPosition.optional(),
});

export const ZOutcome = z.enum(["success", "partial", "failure"]);
export type TOutcome = z.infer<typeof ZOutcome>;

export const ZEndNode = z.strictObject({
  id: ZId("a node id"),
  type: z.literal("end"),
  title: ZText("end title"),
  outcome: ZOutcome,
  debrief: ZMarkdown.describe("Markdown debrief shown when the exercise ends here."),
  editor: ZEditorPosition.optional(),
});
export type TEndNode = z.infer<typeof ZEndNode>;

export const NODE_TYPES = ["inject", "decision", "branch", "end"] as const;
export const ZNode = z.discriminatedUnion("type", [ZInjectNode, ZDecisionNode, ZBranchNode, ZEndNode]);
export type TNode = z.infer<typeof ZNode>;
export type TNodeType = TNode["type"];

export const ZCapability = z.strictObject({
  id: ZId("a capability id"),
  name: ZText("capability name"),
  framework: z.enum(["nist-csf-2.0", "hseep", "custom"]).optional(),
  ref: z.string().optional().describe('Reference inside the framework, e.g. "RS.CO".'),
});

export const ZObjective = z.strictObject({
  id: ZId("an objective id"),
  text: ZText("objective text"),
  capabilities: z.array(ZId("a capability id")),
});

export const ZTraining = z.strictObject({
  id: ZId("a training id"),
  title: ZText("training title"),
  url: z.url({ protocol: /^https?$/, error: "must be an https:// or http:// address" }).optional(),
});

export const ZRole = z.strictObject({
  id: ZId("a role id").refine((id) => id !== TEAM_VOTE, {
    error: `"${TEAM_VOTE}" is reserved for decidedBy; pick another role id`,
  }),
  name: ZText("role name"),
  description: z.string().optional(),
});

export const ZVariable = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("boolean"), default: z.boolean() }),
  z.strictObject({ type: z.literal("number"), default: z.number() }),
  z.strictObject({ type: z.literal("string"), default: z.string() }),
]);
export type TVariable = z.infer<typeof ZVariable>;
export type TVariableType = TVariable["type"];

export const ZScenario = z
  .strictObject({
    $schema: z.string().optional().describe('Set to "./scenario.schema.json" for editor autocompletion.'),
    schemaVersion: z
      .union([z.literal(1), z.literal(1.1)], { error: "schemaVersion must be 1 or 1.1" })
      .describe("1, or 1.1 for files that use exercise time, clocks, tasks or decision rights."),
    id: z
      .string()
      .regex(SCENARIO_ID_PATTERN, { error: 'scenario id must be kebab-case, e.g. "ransomware-clinic"' }),
    title: ZText("title"),
    summary: ZText("summary"),
    translationOf: z
      .string()
      .regex(SCENARIO_ID_PATTERN, { error: "translationOf must be the kebab-case id of the original scenario" })
      .optional()
      .describe(
        "Id of the scenario this one translates. Both files have the same graph (node ids, options, scores, conditions, effects); only the text differs.",
      ),
    locale: z
      .string()
      .regex(LOCALE_PATTERN, { error: 'locale must be a BCP-47 tag such as "en" or "pl"', abort: true })
      .refine(isWellFormedLocale, { error: 'locale must be a BCP-47 tag such as "en" or "pl"' })
      .default("en"),
    estimatedMinutes: z.number().int().positive(),
    tags: z.array(ZText("tag")),
    capabilities: z
      .array(ZCapability)
      .min(1, { error: "declare at least one capability to score against" }),
    objectives: z.array(ZObjective),
    training: z.array(ZTraining),
    roles: z.array(ZRole).default([]),
    variables: z.record(ZId("a variable name"), ZVariable).default({}),
    start: ZNodeRef.describe("Id of the first node."),
    nodes: z.array(ZNode).min(1, { error: "a scenario needs at least one node" }),
    exerciseTime: ZExerciseTime.optional(),
    clocks: z.array(ZClock).default([]).describe("Regulatory notification clocks (format 1.1)."),
    tasks: z.array(ZTask).default([]).describe("Notification drafts and determinations that stop or start clocks (format 1.1)."),
  })
  .describe("Readyroom tabletop scenario, format v1 (1.1 adds exercise time, clocks, tasks and decision rights).");

export type TScenario = z.infer<typeof ZScenario>;
/** What authors write: defaults (locale, roles, variables, decidedBy) may be omitted. */
export type TScenarioInput = z.input<typeof ZScenario>;

function isWellFormedLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
