// Builds scenarios/scenario.schema.json from the zod schema, so editors can autocomplete and
// check scenario files. The file is generated (scripts/scenarios-schema.ts) and a test fails
// when it is stale.
import { z } from "zod";
import { ZCondition, ZScenario } from "./schema";

/** Where the generated schema lives, relative to the project root. */
export const SCENARIO_JSON_SCHEMA_PATH = "scenarios/scenario.schema.json";

export function buildScenarioJsonSchema(): Record<string, unknown> {
  // "input": what authors write, so fields with defaults (locale, roles, ...) are optional.
  const generated = z.toJSONSchema(ZScenario, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  const defs = (generated.$defs ?? {}) as Record<string, { description?: string }>;
  // Recursive schemas get generated names such as "__schema0"; give the condition a readable one.
  let text = JSON.stringify({ ...generated, title: "Readyroom scenario (format v1)" });
  for (const [name, def] of Object.entries(defs)) {
    if (def.description === ZCondition.description) {
      text = text.split(`"#/$defs/${name}"`).join('"#/$defs/Condition"').split(`"${name}":`).join('"Condition":');
    }
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** The exact file content: two-space JSON and a final newline. */
export function renderScenarioJsonSchema(): string {
  return JSON.stringify(buildScenarioJsonSchema(), null, 2) + "\n";
}
