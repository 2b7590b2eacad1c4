// Writes scenarios/scenario.schema.json from the zod schema: `npx tsx scripts/scenarios-schema.ts`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderScenarioJsonSchema, SCENARIO_JSON_SCHEMA_PATH } from "../lib/scenario/json-schema";

mkdirSync(path.dirname(SCENARIO_JSON_SCHEMA_PATH), { recursive: true });
writeFileSync(SCENARIO_JSON_SCHEMA_PATH, renderScenarioJsonSchema());
process.stderr.write(`scenarios:schema: wrote ${SCENARIO_JSON_SCHEMA_PATH}\n`);
