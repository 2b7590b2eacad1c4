// Public API of the scenario module: format (zod schema and types), linter and engine.
export * from "./schema";
export { formatFinding, hasErrors, lintScenario, lintScenarioText, type Finding } from "./lint";
export * from "./csf";
export { splitChoseTarget } from "./conditions";
export {
  applyEvent,
  bestPoints,
  currentNode,
  describeOptions,
  findNode,
  startScenario,
  type EngineEvent,
  type EngineState,
} from "./engine";
