// The bundled library's sync at startup, on each database target: new files are linted and
// stored, files with errors are reported and not stored, an unchanged file is found by one
// query and counted as unchanged, and an edited file becomes a new version beside the old.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { syncLibrary } from "@/lib/catalog/store";

const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/live-drill.json"), "utf8")) as Record<string, unknown>;

describe.each(DB_TARGETS)("the scenario library's sync on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let dir: string;
  const slug = `library-sync-${crypto.randomBytes(4).toString("hex")}`;
  const write = (name: string, content: unknown) => fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-library-"));
    write(`${slug}.json`, { ...FIXTURE, id: slug });
    write("broken.json", "{ not json");
    write("no-nodes.json", { ...FIXTURE, id: `${slug}-no-nodes`, nodes: [] });
    write("scenario.schema.json", { $schema: "https://json-schema.org/draft/2020-12/schema" });
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await close?.();
  });

  it("stores what lints, reports what does not, and finds unchanged files again", async () => {
    expect(await syncLibrary(prisma, dir)).toEqual({ imported: 1, unchanged: 0, failed: ["broken.json", "no-nodes.json"] });
    expect(await prisma.scenario.count({ where: { slug: { startsWith: slug } } })).toBe(1);

    expect(await syncLibrary(prisma, dir)).toEqual({ imported: 0, unchanged: 1, failed: ["broken.json", "no-nodes.json"] });
    expect(await prisma.scenario.count({ where: { slug: { startsWith: slug } } })).toBe(1);
  });

  it("stores an edited file as a new version and keeps the old one", async () => {
    write(`${slug}.json`, { ...FIXTURE, id: slug, title: `${String(FIXTURE.title)} (edited)` });
    expect(await syncLibrary(prisma, dir)).toMatchObject({ imported: 1, unchanged: 0 });
    const versions = await prisma.scenario.findMany({ where: { slug }, select: { title: true, source: true } });
    expect(versions.map((v) => v.title).sort()).toEqual([String(FIXTURE.title), `${String(FIXTURE.title)} (edited)`].sort());
    expect(versions.every((v) => v.source === "library")).toBe(true);
    // Formatting alone is not a new version: the content hash is of the canonical document.
    fs.writeFileSync(path.join(dir, `${slug}.json`), JSON.stringify({ ...FIXTURE, id: slug, title: `${String(FIXTURE.title)} (edited)` }));
    expect(await syncLibrary(prisma, dir)).toMatchObject({ imported: 0, unchanged: 1 });
  });
});
