// Drills in a period's evidence pack: a closed drill (mode DRILL) of the team in the period is
// left out of the pack (its AAR would have no team decisions, votes or attendance), and
// index.json and README.txt say how many drills were left out; a period holding only drills is
// refused as empty, with the drills counted in the message. The library function behind
// GET /api/evidence, on each database.
import crypto from "node:crypto";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignedInUser } from "@/lib/auth/types";
import { signingKeyFromEnv } from "@/lib/audit/signing-key";
import { buildPeriodEvidence } from "@/lib/evidence/period";
import { DB_TARGETS } from "../../helpers/db";
import { seedReports, type ReportSeed } from "../../../scripts/bench/reports-seed";

const key = signingKeyFromEnv({ READYROOM_SIGNING_KEY: crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString() });

describe.each(DB_TARGETS)("drills and the period pack on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let seed: ReportSeed;
  let admin: SignedInUser;

  beforeAll(async () => {
    ({ prisma, close } = await target.open());
    const row = await prisma.user.create({ data: { email: "drill-admin@example.com", name: "Admin", role: "ADMIN" } });
    admin = { id: row.id, email: row.email, name: row.name, role: "ADMIN" };
    seed = await seedReports(prisma, { tag: "pd", sessions: 2, teams: 2, decisionsPerTeam: 3, start: new Date("2026-03-01T09:00:00Z"), spacingHours: 24 });
    // A closed drill of the first team on 2026-03-02, and one alone on 2026-04-10.
    for (const [id, at] of [["pd-drill-1", "2026-03-02T12:00:00Z"], ["pd-drill-2", "2026-04-10T12:00:00Z"]] as const) {
      await prisma.exerciseSession.create({
        data: { id, title: `Drill ${id}`, scenarioId: seed.scenarioId, facilitatorId: admin.id, joinCode: id.toUpperCase(), mode: "DRILL", status: "ENDED", anonymous: true, selfAssign: false, locale: "en", startedAt: new Date(at), endedAt: new Date(at) },
      });
      await prisma.drillInvitation.create({ data: { sessionId: id, email: `${id}@example.com`, locale: "en", teamId: seed.teamIds[0], tokenHash: crypto.randomBytes(16).toString("hex") } });
    }
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs(); // the worker runs other files next (isolate: false)
    await close?.();
  });

  it("leaves the drill out and says so in index.json and README.txt", async () => {
    vi.stubEnv("READYROOM_EVIDENCE_PDFS", "0");
    const pack = await buildPeriodEvidence(prisma, admin, { team: [seed.teamIds[0]], from: "2026-03-01", to: "2026-03-31" }, "en", key);
    expect([...pack.manifest.scope.sessionIds].sort()).toEqual([...seed.sessionIds].sort());
    const files = unzipSync(new Uint8Array(pack.zip));
    expect(Object.keys(files).some((f) => f.includes("pd-drill"))).toBe(false);
    const index = JSON.parse(Buffer.from(files["index.json"]).toString("utf8"));
    expect(index.drills.excluded).toBe(1);
    expect(Buffer.from(files["README.txt"]).toString("utf8")).toContain("Drills: drills (sessions each person plays alone) are not in evidence packs");
    // Without a team filter (every team), the drill is still left out.
    const all = await buildPeriodEvidence(prisma, admin, { team: [], from: "2026-03-01", to: "2026-03-31" }, "en", key);
    expect([...all.manifest.scope.sessionIds].sort()).toEqual([...seed.sessionIds].sort());
    expect(JSON.parse(Buffer.from(unzipSync(new Uint8Array(all.zip))["index.json"]).toString("utf8")).drills.excluded).toBe(1);
    // The other team had no drill.
    const other = await buildPeriodEvidence(prisma, admin, { team: [seed.teamIds[1]], from: "2026-03-01", to: "2026-03-31" }, "en", key);
    expect(JSON.parse(Buffer.from(unzipSync(new Uint8Array(other.zip))["index.json"]).toString("utf8")).drills.excluded).toBe(0);
  }, 120_000);

  it("refuses a period with drills only as empty, counting them", async () => {
    await expect(buildPeriodEvidence(prisma, admin, { team: [seed.teamIds[0]], from: "2026-04-01", to: "2026-04-30" }, "en", key)).rejects.toMatchObject({
      code: "EVIDENCE_EMPTY",
      message: expect.stringContaining("1 closed drill(s) match, but drills are not in evidence packs"),
    });
  }, 60_000);
});
