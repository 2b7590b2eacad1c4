// A drill's report against the real server and database: six people in two organisation teams
// play the solo fixture over HTTP with known choices and confidences; the facilitator closes
// the drill; the report's figures are checked against values worked out by hand from the
// scenario (readiness, HSEEP proposals, Brier scores, paths, wrong turns, training), the
// two-person team is withheld (k = 3), and the dashboard shows the drill's team figures with
// mode=drill and mode=all (through the rollup) but not with mode=live. Reopening takes the
// drill out of the dashboard; a deadline that passes puts it back.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { api, importFixture, loginFacilitator } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const HOUR = 3_600_000;

type Choice = { contain: string; c1: number; notify: string; c2: number; why: string };
// Team A (4 people) and team B (2 people, below k = 3). RS is scored at "contain" (isolate 3, wait −1 of best 3),
// GV at "notify" (yes 3, no −2 of best 3): a person's capability is 100 % or 0 %.
const TEAM_A: Choice[] = [
  { contain: "isolate", c1: 4, notify: "yes", c2: 5, why: "Report it, the clock runs." },
  { contain: "isolate", c1: 4, notify: "no", c2: 5, why: "Nothing proves data left." },
  { contain: "wait", c1: 4, notify: "no", c2: 5, why: "Too early to tell the regulator." },
  { contain: "isolate", c1: 3, notify: "no", c2: 4, why: "Legal should decide first." },
];
const TEAM_B: Choice[] = [
  { contain: "isolate", c1: 4, notify: "no", c2: 5, why: "We would rather wait for forensics." },
  { contain: "wait", c1: 2, notify: "yes", c2: 3, why: "Better safe than sorry." },
];

describe("a drill's report and the dashboard", () => {
  let app: AppHandle;
  let prisma: PrismaClient;
  let facilitator: string;
  let manager: string;
  let scenarioId: string;

  beforeAll(async () => {
    app = await sharedApp();
    prisma = appDatabase(app);
    facilitator = await loginFacilitator(app);
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    scenarioId = await importFixture(app, facilitator, FIXTURE);
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
  });

  async function play(token: string, body: unknown) {
    const res = await fetch(`${app.url}/api/drill/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json();
  }
  async function playThrough(token: string, c: Choice) {
    await play(token, { type: "start" });
    await play(token, { type: "advance", nodeId: "alert", visit: 1 });
    await play(token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: c.contain, confidence: c.c1 });
    await play(token, { type: "advance", nodeId: "update", visit: 1 });
    const done = await play(token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: c.notify, confidence: c.c2, reasoning: c.why });
    expect(done.stage).toBe("result");
  }
  const exportRows = async (query: string) => {
    const r = await api(app, manager, "GET", `/api/reports/export?format=json&${query}`);
    expect(r.status).toBe(200);
    return r.body.results as Array<{ teamId: string; capabilityId: string; percent: number | null; proposed: string | null; sessions: number; respondents: number; suppressed: boolean }>;
  };

  it("plays, closes and reports the figures worked out by hand", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const [a, b, idle] = await Promise.all(["A", "B", "C"].map((n) => prisma.team.create({ data: { name: `Report ${n} ${tag}` } })));
    const invitees = [
      ...TEAM_A.map((_, i) => ({ email: `a${i}-${tag}@example.org`, teamId: a.id })),
      ...TEAM_B.map((_, i) => ({ email: `b${i}-${tag}@example.org`, teamId: b.id })),
      { email: `c0-${tag}@example.org`, teamId: idle.id },
    ];
    const created = await api(app, facilitator, "POST", "/api/drills", {
      scenarioId, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(), invitees, timerScale: null,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const tokens: string[] = created.body.links.map((l: { link: string }) => l.link.split("/drill/")[1]);
    for (const [i, c] of [...TEAM_A, ...TEAM_B].entries()) await playThrough(tokens[i], c);

    // Open: the report already shows figures, the dashboard does not count the drill yet.
    const open = await api(app, facilitator, "GET", `/api/drills/${id}/report`);
    expect(open.status).toBe(200);
    expect(open.body.phase).toBe("open");
    expect(await exportRows(`mode=drill&team=${a.id}`)).toEqual([]);

    expect((await api(app, facilitator, "POST", `/api/drills/${id}/close`)).status).toBe(200);
    const r = await api(app, manager, "GET", `/api/drills/${id}/report`);
    expect(r.status).toBe(200);
    const report = r.body;
    expect(report).toMatchObject({ phase: "closed", minGroupSize: 3, scored: 6, scenarioTitle: "Solo drill" });

    // Participation: 7 invited, 6 finished; the one-person team C and two-person team B are withheld (k = 3), A is shown.
    expect(report.participation.total).toEqual({ invited: 7, opened: 6, started: 6, finished: 6 });
    const funnel = (teamId: string) => report.participation.byTeam.find((t: { teamId: string }) => t.teamId === teamId).funnel;
    expect(funnel(a.id)).toEqual({ suppressed: false, respondents: 4, value: { invited: 4, opened: 4, started: 4, finished: 4 } });
    expect(funnel(b.id)).toMatchObject({ suppressed: true, respondents: 2 });

    // Readiness: team A RS = mean(100, 100, 0, 100) = 75 → S; GV = mean(100, 0, 0, 0) = 25 → U.
    // Organisation (6 people): RS = 400 / 6 = 66.67 → S; GV = 200 / 6 = 33.33 → U.
    const cap = (group: { capabilities: Array<{ capabilityId: string; readiness: unknown }> }, id: string) => group.capabilities.find((c) => c.capabilityId === id)!.readiness;
    const teamA = report.teams.find((t: { teamId: string }) => t.teamId === a.id);
    const teamB = report.teams.find((t: { teamId: string }) => t.teamId === b.id);
    expect(teamA.name).toBe(a.name);
    expect(cap(teamA, "RS")).toEqual({ suppressed: false, respondents: 4, value: { percent: 75, rating: "S", ratings: { P: 3, S: 0, M: 0, U: 1 } } });
    expect(cap(teamA, "GV")).toEqual({ suppressed: false, respondents: 4, value: { percent: 25, rating: "U", ratings: { P: 1, S: 0, M: 0, U: 3 } } });
    expect(cap(teamB, "RS")).toEqual({ suppressed: true, respondents: 2, minGroupSize: 3, reason: "small-group" });
    expect(teamB.calibration).toMatchObject({ suppressed: true, respondents: 2 });
    const orgRs = cap(report.organisation, "RS") as { value: { percent: number; rating: string } };
    expect(orgRs.value.percent).toBeCloseTo(400 / 6, 9);
    expect(orgRs.value.rating).toBe("S");
    const orgGv = cap(report.organisation, "GV") as { value: { percent: number; rating: string } };
    expect(orgGv.value.percent).toBeCloseTo(200 / 6, 9);
    expect(orgGv.value.rating).toBe("U");

    // Calibration (probability = confidence ÷ 5; Brier per person, then the mean of people):
    // A: 0.02, 0.52, 0.82, 0.40 → 0.44; accuracy 1, .5, 0, .5 → .5; mean probability .9, .9, .9, .7 → .85; confidently wrong 0+1+2+1 = 4.
    const calA = teamA.calibration.value;
    expect(calA.brier).toBeCloseTo(0.44, 9);
    expect(calA.accuracy).toBeCloseTo(0.5, 9);
    expect(calA.meanProbability).toBeCloseTo(0.85, 9);
    expect(calA.overconfidence).toBeCloseTo(0.35, 9);
    expect(calA.confidentlyWrong).toBe(4);
    // Organisation adds B: 0.52 and 0.16 → (1.76 + 0.68) / 6.
    const calOrg = report.organisation.calibration.value;
    expect(calOrg.brier).toBeCloseTo(2.44 / 6, 9);
    expect(calOrg.accuracy).toBeCloseTo(0.5, 9);
    expect(calOrg.confidentlyWrong).toBe(5);

    // Paths: only isolate → no (3 people) reaches k; the other three paths (1 person each) are folded.
    expect(report.paths.shown).toEqual([
      expect.objectContaining({ steps: [{ nodeId: "contain", optionId: "isolate" }, { nodeId: "notify", optionId: "no" }], endNodeId: "bad-end", endTitle: "Regulator finds out", outcome: "failure", people: 3, labels: ["Isolate the host", "Do not notify"] }),
    ]);
    expect(report.paths).toMatchObject({ otherPeople: 3, otherPaths: 3 });

    // Wrong turns: "Do not notify" (4 of 6, all confidently wrong) before "Wait and see" (2 of 6: reasoning withheld).
    expect(report.wrongTurns.map((w: { optionId: string }) => w.optionId)).toEqual(["no", "wait"]);
    const [no, wait] = report.wrongTurns;
    expect(no).toMatchObject({ nodeId: "notify", people: 4, met: 6, times: 4, confidentlyWrong: 4, meanConfidence: 4.75, totalCost: 20, betterLabels: ["Notify within 72 hours"], reasoning: { suppressed: false, respondents: 4 } });
    const written = [TEAM_A[1], TEAM_A[2], TEAM_A[3], TEAM_B[0]].map((c) => c.why);
    expect(no.reasoning.value).toHaveLength(3);
    for (const quote of no.reasoning.value) expect(written).toContain(quote);
    expect(wait).toMatchObject({ nodeId: "contain", people: 2, met: 6, confidentlyWrong: 1, meanConfidence: 3, totalCost: 8, reasoning: { suppressed: true, respondents: 2 } });
    expect(JSON.stringify(report)).not.toContain(TEAM_A[0].why);
    expect(JSON.stringify(report)).not.toContain("@example.org");

    // Training: confidently wrong first; the scenario's link comes along.
    expect(report.training).toMatchObject({ suppressed: false, value: [
      { trainingId: "t-notify", url: "https://example.org/training/notify", people: 4, confidentlyWrong: 4, totalCost: 20 },
      { trainingId: "t-contain", people: 2, confidentlyWrong: 1, totalCost: 8 },
    ] });

    // Dashboard: the drill counts one figure per team of ≥ k finished people (A only), as one team-session.
    const drillRows = await exportRows(`mode=drill&team=${a.id}&team=${b.id}`);
    expect(drillRows.map((x) => [x.teamId, x.capabilityId, x.percent, x.proposed, x.sessions, x.respondents])).toEqual([
      [a.id, "RS", 75, "S", 1, 4],
      [a.id, "GV", 25, "U", 1, 4],
    ]);
    expect(await exportRows(`mode=live&team=${a.id}&team=${b.id}`)).toEqual([]);
    // Unfiltered by mode the manager reads the rollup: the same figures.
    const all = await exportRows(`team=${a.id}`);
    expect(all.map((x) => [x.capabilityId, x.percent, x.sessions])).toEqual([["RS", 75, 1], ["GV", 25, 1]]);
    expect((await api(app, manager, "GET", `/api/reports/export?format=json&mode=both`)).body.error).toMatchObject({ code: "INVALID_INPUT", path: "/mode" });

    // Reopened, the drill leaves the dashboard; once its new deadline passes it is back (the server's
    // deadline sweep, tests/integration/drills/deadline-sweep.test.ts, or else opening the report).
    const reopened = await api(app, facilitator, "PATCH", `/api/drills/${id}`, { closesAt: new Date(Date.now() + 72 * HOUR).toISOString() });
    expect(reopened.status).toBe(200);
    expect(await exportRows(`mode=drill&team=${a.id}`)).toEqual([]);
    await prisma.drill.update({ where: { sessionId: id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect((await api(app, manager, "GET", `/api/drills/${id}/report`)).body.phase).toBe("closed");
    expect((await exportRows(`mode=drill&team=${a.id}`)).map((x) => x.percent)).toEqual([75, 25]);
    expect((await prisma.exerciseSession.findUniqueOrThrow({ where: { id } })).status).toBe("ENDED");
  }, 240_000);

  it("refuses who may not see reports, and a live session", async () => {
    const participantLess = await api(app, facilitator, "GET", `/api/drills/nope/report`);
    expect(participantLess.status).toBe(404);
    expect((await fetch(`${app.url}/api/drills/nope/report`)).status).toBe(401);
  });
});
