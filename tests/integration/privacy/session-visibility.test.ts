// What each viewer sees of a session, on every path that shows it: the console and present
// pages, GET /api/sessions/:id, the socket's console:watch ack and its later console:state
// pushes, the raw exports, the report exports (CSV/JSON) and the after-action report with
// its PDF. Every staff role, on a named and on an anonymous session, against the real
// server. And small groups: each figure is withheld by its own respondent count.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { appDatabase, createUser } from "../../helpers/app-db";
import { uniqueEmail } from "../../helpers/unique";
import { api, call, importFixture, key, loginFacilitator, socketFor, waitFor, type Client } from "../../helpers/live";
import type { ConsoleUpdate } from "@/lib/session/views";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const PASSWORD = "a long enough password";
/** This file's own accounts (the shared server's other files make theirs). */
const EMAIL = { granted: uniqueEmail("granted"), stranger: uniqueEmail("stranger"), employee: uniqueEmail("employee") };
const STAFF = ["admin", "owner", "granted", "manager", "stranger", "employee"] as const;
type Viewer = (typeof STAFF)[number];
/** Who sees raw answers: everyone who may view the session, except a manager on an anonymous one. */
const VIEWS: Record<Viewer, "raw" | "forbidden" | "raw-if-named"> = {
  admin: "raw",
  owner: "raw",
  granted: "raw",
  manager: "raw-if-named",
  stranger: "forbidden",
  employee: "forbidden",
};

type Played = {
  sessionId: string;
  anonymous: boolean;
  answers: string[];
  /** The names (or pseudonyms) people appear under. */
  names: string[];
  /** Every console:state push each watcher received. */
  pushes: Record<Viewer, ConsoleUpdate[]>;
  watchAcks: Record<Viewer, { ok: boolean; view?: { answers: Array<{ text: string | null }> }; error?: { code: string } }>;
  /** A manager's console, watching before anyone voted: what it showed while Red's single vote was open. */
  managerDuringVote: ConsoleUpdate | null;
};

describe("what each viewer sees of a session", () => {
  let app: AppHandle;
  let db: PrismaClient;
  let cookies: Record<Viewer, string>;
  let scenarioId: string;
  const sockets: Client[] = [];
  const played: Record<"named" | "anonymous", Played> = {} as never;

  function socket(cookie?: string): Client {
    const s = socketFor(app, cookie);
    sockets.push(s);
    return s;
  }

  /**
   * Blue has three people, Red one. Everyone answers; both teams decide "contain" (Blue 3
   * votes, Red 1) and "notify" (decided by the legal role: one vote in each team).
   */
  async function play(anonymous: boolean): Promise<Played> {
    const created = await api(app, cookies.owner, "POST", "/api/sessions", { scenarioId, teams: ["Blue", "Red"], anonymous, title: anonymous ? "Anonymous drill" : "Named drill" });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    const granted = await db.user.findUniqueOrThrow({ where: { email: EMAIL.granted } });
    await db.sessionGrant.create({ data: { sessionId, userId: granted.id } });
    const tag = anonymous ? "anon" : "named";

    const pushes = Object.fromEntries(STAFF.map((v) => [v, [] as ConsoleUpdate[]])) as Played["pushes"];
    const watchers = {} as Record<Viewer, Client>;
    const watchAcks = {} as Played["watchAcks"];
    for (const viewer of STAFF) {
      const s = socket(cookies[viewer]);
      s.on("console:state", (u) => pushes[viewer].push(u));
      watchers[viewer] = s;
      watchAcks[viewer] = await call(s, "console:watch", { sessionId });
    }
    const control = watchers.owner;
    const teams = (await api(app, cookies.owner, "GET", `/api/sessions/${sessionId}`)).body.teams as Array<{ id: string; name: string }>;
    const blue = teams.find((t) => t.name === "Blue")!.id;
    const red = teams.find((t) => t.name === "Red")!.id;

    const people = [
      { team: blue, role: "legal", name: `Alice ${tag}` },
      { team: blue, role: "lead", name: `Bruno ${tag}` },
      { team: blue, role: "lead", name: `Chen ${tag}` },
      { team: red, role: "legal", name: `Dagny ${tag}` },
    ];
    const clients: Client[] = [];
    const names: string[] = [];
    for (const p of people) {
      const c = socket();
      const joined = await call(c, "participant:join", { code: created.body.joinCode, displayName: p.name, teamId: p.team, roleId: p.role });
      expect(joined.ok, JSON.stringify(joined)).toBe(true);
      names.push(joined.view.me.displayName);
      clients.push(c);
    }
    if (anonymous) for (const p of people) expect(names).not.toContain(p.name);

    expect(await call(control, "console:command", { sessionId, key: key(), command: { type: "start" } })).toMatchObject({ ok: true });
    const answers = people.map((_, i) => `Secret answer ${tag} ${i} zq`);
    for (const [i, c] of clients.entries()) {
      expect(await call(c, "answer:submit", { key: key(), nodeId: "alert", visit: 1, questionId: "q-who", text: answers[i] })).toMatchObject({ ok: true });
    }
    /** The first push to `viewer` that satisfies `match`, already received or still to come. */
    const until = (viewer: Viewer, match: (u: ConsoleUpdate) => boolean) => {
      const had = pushes[viewer].find(match);
      return had ? Promise.resolve(had) : waitFor(watchers[viewer], "console:state", match);
    };
    // The owner's console has every answer before anyone moves on.
    await until("owner", (u) => u.answers.length === answers.length);

    for (const team of [blue, red]) expect(await call(control, "console:command", { sessionId, key: key(), command: { type: "advance", teamId: team } })).toMatchObject({ ok: true });
    // "contain" runs on a 4-second clock: vote, see the tallies arrive, lock.
    const seenBy = (viewer: Viewer) =>
      until(viewer, (u) => u.teams.some((t) => t.id === blue && t.tally?.total === 3) && u.teams.some((t) => t.id === red && (t.tally?.total === 1 || !!t.withheld)));
    const blueThree = until("admin", (u) => u.teams.some((t) => t.id === blue && t.tally?.total === 3) && u.teams.some((t) => t.id === red && t.tally?.total === 1));
    const managerSeen = seenBy("manager").catch(() => null);
    await Promise.all([
      ...clients.slice(0, 3).map((c) => call(c, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })),
      call(clients[3], "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "wait" }),
    ]);
    await blueThree;
    const managerDuringVote = await managerSeen;
    for (const team of [blue, red]) expect(await call(control, "console:command", { sessionId, key: key(), command: { type: "lock", teamId: team } })).toMatchObject({ ok: true });

    for (const team of [blue, red]) expect(await call(control, "console:command", { sessionId, key: key(), command: { type: "advance", teamId: team } })).toMatchObject({ ok: true });
    // "notify" is the legal role's: one vote in each team.
    expect(await call(clients[0], "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId: "yes" })).toMatchObject({ ok: true });
    expect(await call(clients[3], "vote:cast", { key: key(), nodeId: "notify", visit: 1, optionId: "yes" })).toMatchObject({ ok: true });
    for (const team of [blue, red]) expect(await call(control, "console:command", { sessionId, key: key(), command: { type: "lock", teamId: team } })).toMatchObject({ ok: true });
    // Let the last pushes arrive.
    await until("owner", (u) => u.teams.every((t) => t.node?.type === "end"));
    await new Promise((r) => setTimeout(r, 500));
    return { sessionId, anonymous, answers, names, pushes, watchAcks, managerDuringVote };
  }

  /** What a viewer may see here: raw, aggregate, or nothing. */
  function expected(viewer: Viewer, session: Played): "raw" | "aggregate" | "forbidden" {
    const rule = VIEWS[viewer];
    if (rule === "raw-if-named") return session.anonymous ? "aggregate" : "raw";
    return rule;
  }

  function expectRaw(text: string, session: Played, where: string) {
    for (const a of session.answers) expect(text, `${where}: answer`).toContain(a);
    for (const n of session.names) expect(text, `${where}: name`).toContain(n);
  }

  function expectNothingPersonal(text: string, session: Played, where: string) {
    expect(text, `${where}: answer text`).not.toContain("Secret answer");
    for (const n of session.names) expect(text, `${where}: name ${n}`).not.toContain(n);
  }

  beforeAll(async () => {
    app = await sharedApp();
    db = appDatabase(app);
    await createUser(db, EMAIL.granted, "FACILITATOR", PASSWORD);
    await createUser(db, EMAIL.stranger, "FACILITATOR", PASSWORD);
    await createUser(db, EMAIL.employee, "PARTICIPANT", PASSWORD);
    cookies = {
      admin: await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN")),
      owner: await loginFacilitator(app),
      granted: await loginFacilitator(app, EMAIL.granted, PASSWORD),
      manager: await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER")),
      stranger: await loginFacilitator(app, EMAIL.stranger, PASSWORD),
      employee: await loginFacilitator(app, EMAIL.employee, PASSWORD),
    };
    scenarioId = await importFixture(app, cookies.admin, FIXTURE);
    played.named = await play(false);
    played.anonymous = await play(true);
  }, 240_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.$disconnect();
    await app?.stop();
  });

  describe.each(["named", "anonymous"] as const)("%s session", (kind) => {
    it.each(STAFF)("GET /api/sessions/:id as %s", async (viewer) => {
      const session = played[kind];
      const res = await api(app, cookies[viewer], "GET", `/api/sessions/${session.sessionId}`);
      const want = expected(viewer, session);
      if (want === "forbidden") {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      if (want === "raw") {
        expectRaw(text, session, "api");
      } else {
        expectNothingPersonal(text, session, "api");
        expect(res.body.answers).toEqual([]);
        expect(res.body.roster).toHaveLength(4);
      }
    });

    it.each(STAFF)("the console and present pages as %s", async (viewer) => {
      const session = played[kind];
      const want = expected(viewer, session);
      for (const page of [`/sessions/${session.sessionId}`, `/sessions/${session.sessionId}/present`]) {
        const res = await fetch(`${app.url}${page}`, { headers: { cookie: cookies[viewer] } });
        const html = await res.text();
        if (want === "forbidden") {
          expect(html, page).toContain('data-testid="forbidden"');
          expectNothingPersonal(html, session, page);
        } else if (want === "raw") {
          expectRaw(html, session, page);
        } else {
          expect(res.status, page).toBe(200);
          expect(html, page).toContain(session.sessionId);
          expectNothingPersonal(html, session, page);
        }
      }
    });

    it.each(STAFF)("console:watch and every console:state push as %s", async (viewer) => {
      const session = played[kind];
      const want = expected(viewer, session);
      const ack = session.watchAcks[viewer];
      const pushes = session.pushes[viewer];
      if (want === "forbidden") {
        expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
        expect(pushes).toEqual([]);
        return;
      }
      expect(ack.ok).toBe(true);
      expect(pushes.length).toBeGreaterThan(2);
      const all = JSON.stringify(pushes);
      if (want === "raw") {
        expectRaw(all, session, "pushes");
        // Who voted for what, while a vote is open: in named sessions only.
        const voters = pushes.flatMap((p) => p.teams.flatMap((t) => t.voters));
        if (session.anonymous) expect(voters).toEqual([]);
        else expect(voters.map((v) => v.displayName)).toContain(session.names[0]);
      } else {
        expectNothingPersonal(JSON.stringify(ack), session, "ack");
        expectNothingPersonal(all, session, "pushes");
        for (const p of pushes) {
          expect(p.answers).toEqual([]);
          for (const t of p.teams) {
            expect(t.voters).toEqual([]);
            // No tally over fewer than k = 3 votes, and no team scores over fewer than 3 members.
            if (t.tally) expect(t.tally.total).toBeGreaterThanOrEqual(3);
            if (t.members < 3) expect(t.scores).toEqual({});
          }
        }
      }
    });
  });

  it("withholds a manager's live tally by each team's own vote count on an anonymous session", () => {
    const seen = played.anonymous.managerDuringVote;
    expect(seen, "the manager's console received the open vote").not.toBeNull();
    const [blue, red] = ["Blue", "Red"].map((n) => seen!.teams.find((t) => t.name === n)!);
    expect(blue.tally).toMatchObject({ total: 3, counts: { isolate: 3 } });
    expect(blue.withheld).toBeNull();
    expect(red.tally).toBeNull();
    expect(red.withheld).toMatchObject({ suppressed: true, reason: "small-group", minGroupSize: 3 });
    // The session's own facilitator runs the room and sees both.
    const owner = played.anonymous.pushes.owner.flatMap((u) => u.teams).filter((t) => t.name === "Red" && t.tally?.total === 1);
    expect(owner.length).toBeGreaterThan(0);
  });

  it("raw exports never say who cast an anonymous vote, and are refused to a manager", async () => {
    const { sessionId } = played.anonymous;
    for (const viewer of ["admin", "owner", "granted"] as const) {
      const responses = await api(app, cookies[viewer], "GET", `/api/sessions/${sessionId}/responses`);
      expect(responses.status).toBe(200);
      expect(responses.body.votes.length).toBeGreaterThan(0);
      for (const v of responses.body.votes) expect(v.participant).toBeNull();
      const results = await api(app, cookies[viewer], "GET", `/api/sessions/${sessionId}/results`);
      expect(results.status).toBe(200);
      for (const t of results.body.teams) for (const v of t.votes) expect(v.participant).toBeNull();
    }
    expect((await api(app, cookies.manager, "GET", `/api/sessions/${sessionId}/responses`)).status).toBe(403);
    // In a named session, those who may see raw responses see who voted.
    const named = await api(app, cookies.owner, "GET", `/api/sessions/${played.named.sessionId}/responses`);
    expect(named.body.votes.map((v: { participant: { displayName: string } }) => v.participant.displayName)).toContain(played.named.names[0]);
  });

  it.each(["named", "anonymous"] as const)("report exports of a %s session withhold each decision's votes by its own count", async (kind) => {
    const { sessionId } = played[kind];
    for (const viewer of ["admin", "owner", "granted", "manager"] as const) {
      const res = await fetch(`${app.url}/api/reports/sessions/${sessionId}?format=json`, { headers: { cookie: cookies[viewer] } });
      expect(res.status, viewer).toBe(200);
      const body = await res.json();
      expectNothingPersonal(JSON.stringify(body), played[kind], `json export for ${viewer}`);
      const blue = body.teams.find((t: { name: string }) => t.name === "Blue");
      expect(blue.respondents).toBe(3);
      const byNode = new Map(blue.decisions.map((d: { nodeId: string; votes: unknown }) => [d.nodeId, d.votes]));
      // Three people voted on "contain": shown. One person decided "notify" for the team: withheld.
      expect(byNode.get("contain")).toEqual({ suppressed: false, respondents: 3, value: { isolate: 3, wait: 0, "notify-now": 0 } });
      expect(byNode.get("notify")).toEqual({ suppressed: true, respondents: 1, minGroupSize: 3, reason: "small-group" });
      const red = body.teams.find((t: { name: string }) => t.name === "Red");
      for (const d of red.decisions) expect(d.votes).toMatchObject({ suppressed: true, respondents: 1 });
      // The team × capability rows: a cell is as small a group as its smallest decision. The
      // pooled rows (teamId null) follow with their own rule (tests/integration/reports/pooled.test.ts).
      for (const row of body.results) {
        if (row.teamId !== null && row.respondents < 3) expect(row).toMatchObject({ suppressed: true, reason: "small-group", percent: null, earned: null });
      }
      const csv = await fetch(`${app.url}/api/reports/sessions/${sessionId}?format=csv`, { headers: { cookie: cookies[viewer] } }).then((r) => r.text());
      expectNothingPersonal(csv, played[kind], `csv export for ${viewer}`);
      const rows = csv.trim().split(/\r?\n/).slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const line of rows) {
        // The fixture's names hold no commas or quotes: plain splitting is enough here.
        if (line.startsWith("All teams (pooled),")) continue;
        const respondents = Number(line.split(",")[5]);
        if (respondents < 3) expect(line, "a row over fewer than 3 respondents").toMatch(/,small-group$/);
      }
    }
    for (const viewer of ["stranger", "employee"] as const) {
      expect((await fetch(`${app.url}/api/reports/sessions/${sessionId}?format=json`, { headers: { cookie: cookies[viewer] } })).status).toBe(403);
    }
  });

  it("the after-action report and its PDF withhold an anonymous session's small decisions, for every viewer", async () => {
    const { sessionId } = played.anonymous;
    for (const viewer of ["admin", "owner", "granted", "manager"] as const) {
      const res = await api(app, cookies[viewer], "GET", `/api/sessions/${sessionId}/aar`);
      expect(res.status, viewer).toBe(200);
      expectNothingPersonal(JSON.stringify(res.body), played.anonymous, `aar for ${viewer}`);
      const blue = res.body.teams.find((t: { name: string }) => t.name === "Blue");
      expect(blue.breakdown.suppressed).toBe(false);
      const decisions = blue.breakdown.value.timeline.filter((e: { kind: string }) => e.kind === "decision");
      const contain = decisions.find((e: { nodeId: string }) => e.nodeId === "contain");
      const notify = decisions.find((e: { nodeId: string }) => e.nodeId === "notify");
      expect(contain).toMatchObject({ votes: 3, withheld: null });
      expect(notify).toMatchObject({ votes: 0, tally: [], withheld: { suppressed: true, respondents: 1, minGroupSize: 3 } });
      expect(blue.breakdown.value.behaviour.alignment.perDecision.map((d: { nodeId: string }) => d.nodeId)).not.toContain("notify");
      const red = res.body.teams.find((t: { name: string }) => t.name === "Red");
      expect(red.breakdown).toMatchObject({ suppressed: true, respondents: 1 });
    }
    const pdf = await fetch(`${app.url}/api/sessions/${sessionId}/aar/pdf`, { headers: { cookie: cookies.manager } });
    expect(pdf.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rr-visibility-"));
    try {
      const file = path.join(dir, "aar.pdf");
      fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      expectNothingPersonal(text, played.anonymous, "pdf");
      // Blue's "contain" tally (three votes) is shown; its "notify" vote (one person's) is not, and the report says why.
      expect(text).toContain("Isolate the host: 3");
      expect(text).not.toContain("Notify within 72 hours: 1");
      expect(text).toMatch(/Hidden for privacy: 1 respondent, fewer than 3/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // A named session's report stays whole for those who may see its raw responses.
    const named = await api(app, cookies.manager, "GET", `/api/sessions/${played.named.sessionId}/aar`);
    const blue = named.body.teams.find((t: { name: string }) => t.name === "Blue");
    expect(blue.breakdown.value.timeline.find((e: { nodeId: string; kind: string }) => e.kind === "decision" && e.nodeId === "notify")).toMatchObject({ votes: 1, withheld: null });
  });
});
