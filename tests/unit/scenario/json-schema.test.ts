import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildScenarioJsonSchema, renderScenarioJsonSchema, SCENARIO_JSON_SCHEMA_PATH } from "@/lib/scenario/json-schema";
import { ROOT } from "./helpers";

describe("scenarios/scenario.schema.json", () => {
  it("is up to date with the zod schema (regenerate: npx tsx scripts/scenarios-schema.ts)", () => {
    let committed = "";
    try {
      committed = readFileSync(path.join(ROOT, SCENARIO_JSON_SCHEMA_PATH), "utf8");
    } catch {
      throw new Error(`${SCENARIO_JSON_SCHEMA_PATH} is missing; run npx tsx scripts/scenarios-schema.ts`);
    }
    expect(committed, "stale JSON schema: run npx tsx scripts/scenarios-schema.ts").toBe(renderScenarioJsonSchema());
  });

  it("forbids unknown keys and lets authors omit fields that have defaults", () => {
    const schema = buildScenarioJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, unknown>;
      $defs: Record<string, unknown>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toContain("nodes");
    expect(schema.required).not.toContain("locale");
    expect(schema.required).not.toContain("$schema");
    expect(Object.keys(schema.properties)).toContain("$schema");
    expect(Object.keys(schema.$defs)).toEqual(["Condition"]);
  });
});
