// The facilitator console's roster travels as changes: over real sockets, a console that
// applies every push rebuilds exactly the roster the server holds, while people join,
// choose teams and leave, and falls back to the whole view when it missed a push.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startApp } from "../../helpers/app";
import { api, call, key, liveApp, type Client } from "../../helpers/live";
import { applyRosterUpdate, type ConsoleRoster } from "@/lib/realtime/roster-delta";
import type { ConsoleUpdate, RosterEntry } from "@/lib/session/views";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");

describe("console roster changes over socket.io", () => {
  // Its own server: 40 people joining at once is CPU-heavy and timed; other files' load on a shared one would shift it.
  const { live, open } = liveApp(FIXTURE, startApp);

  it("rebuilds the server's roster from change lists while 40 people join, pick teams and leave", async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Legal", "IT"], anonymous: true });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };

    const console_ = open(live.cookie);
    const watched = await call(console_, "console:watch", { sessionId: session.id });
    expect(watched.ok).toBe(true);
    const [legal, it_] = watched.view.teams as Array<{ id: string }>;
    // The ack says which push its roster came from: change lists apply on top of it.
    let held: ConsoleRoster = { roster: watched.view.roster, version: watched.rosterVersion ?? null };
    const pushes: ConsoleUpdate[] = [];
    let resyncs = 0;
    console_.on("console:state", (update) => {
      pushes.push(update);
      const next = applyRosterUpdate(held, update);
      if (next !== "resync") held = next;
      else {
        resyncs++;
        void call(console_, "console:watch", { sessionId: session.id }).then((r) => (held = { roster: r.view.roster, version: r.rosterVersion ?? null }));
      }
    });

    const people: Array<{ socket: Client; id: string }> = [];
    for (let wave = 0; wave < 4; wave++) {
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const socket = open();
          const joined = await call(socket, "participant:join", { code: session.joinCode });
          expect(joined.ok).toBe(true);
          people.push({ socket, id: joined.view.me.id });
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const [i, p] of people.entries()) {
      expect(await call(p.socket, "participant:team", { key: key(), teamId: i % 2 ? it_.id : legal.id })).toMatchObject({ ok: true });
    }
    const leaving = people.slice(0, 5);
    for (const p of leaving) p.socket.close();

    const expected = (entry: RosterEntry) => ({
      teamId: people.findIndex((p) => p.id === entry.id) % 2 ? it_.id : legal.id,
      connected: !leaving.some((p) => p.id === entry.id),
    });
    const settled = () => held.roster.length === 40 && held.roster.every((e) => e.teamId === expected(e).teamId && e.connected === expected(e).connected);
    for (let waited = 0; !settled() && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(settled()).toBe(true);

    // The server's own roster, read fresh by a second console, is what the first rebuilt.
    const fresh = await call(open(live.cookie), "console:watch", { sessionId: session.id });
    expect(held.roster).toEqual(fresh.view.roster);
    expect(new Set(held.roster.map((e) => e.id))).toEqual(new Set(people.map((p) => p.id)));

    // Most pushes were change lists, and they carried far fewer entries than whole rosters would.
    const lists = pushes.filter((u) => u.rosterChanges);
    expect(lists.length).toBeGreaterThan(0);
    const carried = lists.reduce((n, u) => n + u.rosterChanges!.upsert.length, 0);
    const whole = lists.reduce((n, u) => n + u.rosterChanges!.size, 0);
    expect(carried).toBeLessThan(whole / 2);
    expect(resyncs).toBeLessThanOrEqual(1);
  });
});
