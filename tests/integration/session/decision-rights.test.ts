// Decision rights live, over real socket.io clients against the real server and database: in a
// team where someone holds the owner role only the owner's vote decides; in a team where nobody
// does, the console warns before the lock, the lock writes "decided without its owner" (and the
// consulted role's dissent) to the session's event log, and the AAR's "Decision rights" section
// (JSON, CSV, PDF) lists it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/app";
import { ARTIFACTS } from "../../helpers/browser";
import { api, call, key, liveApp, waitFor } from "../../helpers/live";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/rights-drill.json");

type Team = { id: string; name: string; withoutOwner: string[]; node: { id: string } | null; tally: { winner: string | null; counted: number; total: number; method: string } | null };

describe("decision rights in a live session", () => {
  const { live, open, db } = liveApp(FIXTURE);

  it("lets only the owner decide where the role is held, and warns and records a decision taken without it", async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Board", "Floor"], anonymous: false });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };
    const console_ = open(live.cookie);
    const watch = await call(console_, "console:watch", { sessionId: session.id });
    const [board, floor] = watch.view.teams as Team[];

    // Board: the executive, legal, IT and one without a role. Floor: nobody holds the executive role.
    const join = async (displayName: string, teamId: string, roleId?: string) => {
      const s = open();
      const j = await call(s, "participant:join", { code: session.joinCode, displayName, teamId, ...(roleId ? { roleId } : {}) });
      expect(j.ok).toBe(true);
      return s;
    };
    const eve = await join("Eve", board.id, "executive");
    const lee = await join("Lee", board.id, "legal");
    const ian = await join("Ian", board.id, "it");
    const olga = await join("Olga", board.id);
    const fay = await join("Fay", floor.id, "legal");
    const gil = await join("Gil", floor.id, "it");
    const hal = await join("Hal", floor.id);

    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "start" } });
    for (const teamId of [board.id, floor.id]) await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "advance", teamId } });

    const vote = (s: ReturnType<typeof open>, optionId: string) => call(s, "vote:cast", { key: key(), nodeId: "ransom", visit: 1, optionId });
    // Board: three want to pay, the executive refuses. Floor: legal refuses, two want to pay.
    for (const [s, o] of [[eve, "refuse"], [lee, "pay"], [ian, "pay"], [olga, "pay"], [fay, "refuse"], [gil, "pay"], [hal, "pay"]] as const) expect(await vote(s, o)).toMatchObject({ ok: true });

    // The console, before the lock: Board's tally counts the owner's vote only; Floor is warned.
    const state = await waitFor(console_, "console:state", (v) => {
      const teams = v.teams as unknown as Team[];
      return teams.every((t) => t.node?.id === "ransom" && t.tally && t.tally.total === (t.id === board.id ? 4 : 3));
    });
    const teams = state.teams as unknown as Team[];
    const boardView = teams.find((t) => t.id === board.id)!;
    const floorView = teams.find((t) => t.id === floor.id)!;
    expect(boardView.withoutOwner).toEqual([]);
    expect(boardView.tally).toMatchObject({ winner: "refuse", counted: 1, total: 4, method: "role" });
    expect(floorView.withoutOwner).toEqual(["executive"]);
    expect(floorView.tally).toMatchObject({ winner: "pay", counted: 3, method: "majority" });

    // Lock both on their votes: Board goes the owner's way against the majority; Floor pays.
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId: board.id } })).toMatchObject({ ok: true, result: { nodeId: "restored" } });
    expect(await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "lock", teamId: floor.id } })).toMatchObject({ ok: true, result: { nodeId: "paid" } });

    const events = await db((c) => c.query("select session_team_id, payload from session_events where session_id = $1 and type = 'decision.locked'", [session.id]));
    const payloadOf = (teamId: string) => events.rows.find((r) => r.session_team_id === teamId)?.payload;
    // Board: the owner decided; legal voted to pay and was overruled.
    expect(payloadOf(board.id)).toMatchObject({ optionId: "refuse", method: "role", rights: { withoutOwner: [], againstConsult: [{ roleId: "legal", optionIds: ["pay"], votes: 1 }] } });
    // Floor: nobody held the executive role, and legal's "refuse" lost.
    expect(payloadOf(floor.id)).toMatchObject({ optionId: "pay", method: "majority", rights: { withoutOwner: ["executive"], againstConsult: [{ roleId: "legal", optionIds: ["refuse"], votes: 1 }] } });

    await call(console_, "console:command", { sessionId: session.id, key: key(), command: { type: "end" } });

    // The AAR's section, as JSON…
    const res = await api(live.app, live.cookie, "GET", `/api/sessions/${session.id}/aar/rights`);
    expect(res.status).toBe(200);
    const section = res.body.rights as { teams: Array<{ teamName: string; withheld: boolean; rows: Array<Record<string, unknown>> }> };
    const floorRows = section.teams.find((t) => t.teamName === "Floor")!.rows;
    expect(floorRows).toEqual([
      { nodeId: "ransom", visit: 1, decision: "Pay the ransom?", chosen: "Pay now", withoutOwner: ["Executive"], againstConsult: [{ roleId: "legal", role: "Legal", options: ["Refuse and restore"], votes: 1 }] },
    ]);
    expect(section.teams.find((t) => t.teamName === "Board")!.rows).toMatchObject([{ chosen: "Refuse and restore", withoutOwner: [], againstConsult: [{ role: "Legal", options: ["Pay now"] }] }]);

    // …as CSV…
    const headers = { cookie: live.cookie, "accept-language": "en" };
    const csv = await fetch(`${live.app.url}/api/sessions/${session.id}/aar/rights?format=csv`, { headers });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Floor,Pay the ransom?,ransom,1,Pay now,without-owner,Executive,,");
    expect(text).toContain("Board,Pay the ransom?,ransom,1,Refuse and restore,against-consulted,Legal,Pay now,1");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, "aar-rights.csv"), text);

    // …and in the PDF, rendered to PNG for a look.
    const pdf = await fetch(`${live.app.url}/api/sessions/${session.id}/aar/pdf`, { headers });
    expect(pdf.status).toBe(200);
    const file = path.join(ARTIFACTS, "aar-rights.pdf");
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const pdfText = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    expect(pdfText).toContain("Decision rights");
    // Table cells wrap: compare without the layout's spaces and line breaks.
    expect(pdfText.replace(/\s+/g, "")).toContain("decidedwithoutitsowner:nobodyheldExecutive");
    execFileSync("pdftoppm", ["-png", "-r", "70", file, path.join(ARTIFACTS, "aar-rights")]);
  }, 180_000);
});
