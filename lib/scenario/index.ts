// Public API of the scenario module: format (zod schema and types), linter and engine.
export * from "./schema";
export {
  LINT_CODES,
  LINT_RULES,
  formatFinding,
  hasErrors,
  lintScenario,
  lintScenarioText,
  toPointer,
  type Finding,
  type LintCode,
  type LintResult,
  type Severity,
  lintScenarioSet,
  type NamedLintResult,
  type NamedText,
} from "./lint";
export * from "./csf";
export { compareTranslation, graphSkeleton, type TranslationDifference } from "./translation";
export { applyEffects, evaluateCondition, splitChoseTarget, type ConditionContext, type Vars } from "./conditions";
export {
  MAX_BRANCH_CHAIN,
  ScenarioEngineError,
  ZEngineEvent,
  applyEvent,
  bestPoints,
  currentNode,
  describeOptions,
  findNode,
  startScenario,
  type EngineError,
  type EngineErrorCode,
  type EngineEvent,
  type EngineResult,
  type EngineState,
  type HistoryEntry,
  type OptionView,
} from "./engine";
export { SCENARIO_JSON_SCHEMA_PATH, buildScenarioJsonSchema, renderScenarioJsonSchema } from "./json-schema";
