// The same scenario file imported several times at once (two facilitators uploading it, or
// test files sharing one server) on each database target: every import succeeds with the one
// stored version, exactly one of them creates it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importScenarioText } from "@/lib/catalog/store";

describe.each(DB_TARGETS)("concurrent imports of one file on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
  });
  afterAll(async () => close?.());

  it("stores one version and answers every import with it", async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/scenarios/live-drill.json"), "utf8")) as { title: string };
    const text = JSON.stringify({ ...doc, title: `${doc.title} ${crypto.randomUUID().slice(0, 8)}` });
    const results = await Promise.all(Array.from({ length: 5 }, () => importScenarioText(prisma, text, { source: "upload" })));
    const ok = results.map((r) => (r.ok ? r : null));
    expect(ok.every((r) => r !== null)).toBe(true);
    expect(new Set(ok.map((r) => r!.id)).size).toBe(1);
    expect(ok.filter((r) => r!.created)).toHaveLength(1);
    expect(await prisma.scenario.count({ where: { id: ok[0]!.id } })).toBe(1);
    expect(await prisma.scenario.count({ where: { slug: ok[0]!.slug, contentHash: ok[0]!.contentHash } })).toBe(1);
  });
});
