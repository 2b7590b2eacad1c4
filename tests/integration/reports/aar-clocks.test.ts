// The AAR's "Clocks and notifications" section from a real session of the DORA scenario over
// HTTP: one team classifies at once (the initial notification is due 4 hours later), one
// treats the outage as minor (due 24 hours after awareness, and breached). JSON, CSV and the
// PDF (rendered to PNG for a look) carry the section.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedApp, type AppHandle } from "../../helpers/app";
import { ARTIFACTS } from "../../helpers/browser";
import { api, loginFacilitator } from "../../helpers/live";
import { BEST, openWorld, type Choice } from "./aar-world";

const SLUG = "dora-major-ict-incident";
/** Best everywhere, except that it calls the outage minor. */
const MINOR: Choice = (decisionId, available) => (decisionId === "d-classify" ? "not-major" : BEST(decisionId, available));

describe("AAR clocks and notifications", () => {
  let app: AppHandle;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let cookie: string;
  let sessionId: string;

  beforeAll(async () => {
    app = await sharedApp();
    cookie = await loginFacilitator(app);
    world = await openWorld(app);
    const played = await world.play({
      facilitator: await world.user("facilitator@readyroom.local"),
      slug: SLUG,
      title: "DORA reporting drill",
      teams: [
        { name: "Prompt", choose: BEST, voters: 2 },
        { name: "Minor", choose: MINOR, voters: 2 },
      ],
    });
    sessionId = played.sessionId;
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    await app?.stop();
  });

  it("reports each team's clocks in the story's time", async () => {
    const res = await api(app, cookie, "GET", `/api/sessions/${sessionId}/aar/clocks`);
    expect(res.status).toBe(200);
    const { clocks } = res.body as { clocks: { timeZone: string; teams: Array<{ teamName: string; clocks: Array<Record<string, unknown>> }> } };
    expect(clocks.timeZone).toBe("Europe/Warsaw");
    const prompt = clocks.teams.find((t) => t.teamName === "Prompt")!;
    const minor = clocks.teams.find((t) => t.teamName === "Minor")!;
    // Aware at 09:00 (i-impact), classified at 10:30: due 14:30. No notice was sent in this run.
    expect(prompt.clocks[0]).toMatchObject({ clockId: "dora-initial", started: "2026-11-20 09:00", deadline: "2026-11-20 14:30", submitted: null, timeliness: "never" });
    // Classified only after the KNF called the next day: the 24 hours since awareness decide.
    expect(minor.clocks[0]).toMatchObject({ clockId: "dora-initial", deadline: "2026-11-21 09:00", timeliness: "never" });
    // The later stages start from notices that were never sent.
    expect(prompt.clocks.slice(1).map((c) => c.timeliness)).toEqual(["not-started", "not-started"]);
  });

  it("exports the section as CSV and prints it in the PDF", async () => {
    const headers = { cookie, "accept-language": "en" };
    const csv = await fetch(`${app.url}/api/sessions/${sessionId}/aar/clocks?format=csv`, { headers });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("team,clock,regime,law,audience,started,deadline,submitted");
    expect(text).toMatch(/Minor,Initial notification to the KNF,dora-initial,.*2026-11-21 09:00,,,never/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, "aar-clocks.csv"), text);

    const pdf = await fetch(`${app.url}/api/sessions/${sessionId}/aar/pdf`, { headers });
    expect(pdf.status).toBe(200);
    const file = path.join(ARTIFACTS, "aar-clocks.pdf");
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const pdfText = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    expect(pdfText).toContain("Clocks and notifications");
    expect(pdfText).toContain("never sent");
    execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(ARTIFACTS, "aar-clocks")]);
  });
});
