// In-app links go through components/ui/IntentLink.tsx, which prefetches a route when the
// reader shows intent rather than when the link scrolls into view: a direct next/link import
// would bring viewport prefetching (and its server renders) back.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe("in-app links", () => {
  it("import IntentLink, never next/link directly", () => {
    const files = [...sources("app"), ...sources("components")];
    expect(files.length).toBeGreaterThan(50);
    const direct = files.filter((f) => f !== "components/ui/IntentLink.tsx" && /from\s+["']next\/link["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(direct).toEqual([]);
    expect(files.filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes('from "@/components/ui/IntentLink"')).length).toBeGreaterThan(30);
  });
});
