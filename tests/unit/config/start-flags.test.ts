// `npm start` and the tests' app processes run the server with the same V8 flags, so what
// the tests and the benchmark measure is what production runs.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SERVER_NODE_FLAGS } from "../../helpers/app";

describe("server process flags", () => {
  it("npm start passes every flag the test harness uses", () => {
    const start = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(start.split(/\s+/)).toContain(flag);
  });
});
