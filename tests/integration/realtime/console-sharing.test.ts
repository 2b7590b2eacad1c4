// The console view is built once per change and shared by every watcher (consoles and
// present screens), over real socket.io clients against the real server and database.
// Each build stamps its own serverTime, so watchers that got the same build see the same
// stamp, and a watcher served from the last build sees the stamp of the last push.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startApp } from "../../helpers/app";
import { api, call, key, liveApp, waitFor } from "../../helpers/live";
import { applyRosterUpdate, type ConsoleRoster } from "@/lib/realtime/roster-delta";
import type { ConsoleUpdate } from "@/lib/session/views";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const WATCHERS = 5;

describe("one console view per change, shared by every watcher", () => {
  // Its own server: timing-sensitive (builds within one change window), so other files' load on a shared server would shift it.
  const { live, open } = liveApp(FIXTURE, startApp);

  it(`${WATCHERS} watchers get the same build of each change; a late watcher gets the last build, not a new one`, { timeout: 90_000 }, async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Red"], anonymous: false });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };
    const watchers = Array.from({ length: WATCHERS }, () => open(live.cookie));
    const pushes: ConsoleUpdate[][] = watchers.map(() => []);
    const rosters: Array<ConsoleRoster | "resync" | null> = watchers.map(() => null);
    for (const [i, w] of watchers.entries()) {
      const r = await call(w, "console:watch", { sessionId: session.id });
      expect(r.ok).toBe(true);
      rosters[i] = { roster: r.view.roster, version: r.rosterVersion ?? null };
      w.on("console:state", (u) => {
        pushes[i].push(u);
        const held = rosters[i];
        rosters[i] = held === "resync" ? held : applyRosterUpdate(held, u);
      });
    }

    // A participant joins: one build, pushed to every watcher.
    const p = open();
    const joined = await call(p, "participant:join", { code: session.joinCode, displayName: "Ada" });
    expect(joined.ok).toBe(true);
    await expect.poll(() => pushes.every((list) => list.some((u) => (u.roster ?? []).length + (u.rosterChanges?.upsert.length ?? 0) > 0)), { timeout: 15_000 }).toBe(true);
    // Every watcher holds the same roster without asking for the whole view again.
    for (const r of rosters) expect(r !== "resync" && r?.roster.map((e) => e.displayName)).toEqual(["Ada"]);
    const stamps = (n: number) => new Set(pushes.map((list) => list[n]?.serverTime));
    const last = pushes[0].length - 1;
    expect(pushes.every((list) => list.length === pushes[0].length)).toBe(true);
    expect(stamps(last).size).toBe(1);
    const lastPush = pushes[0][last];

    // Nothing changed since: a new watcher (a present screen opening) gets that build.
    await new Promise((r) => setTimeout(r, 400));
    const late = open(live.cookie);
    const seen = await call(late, "console:watch", { sessionId: session.id });
    expect(seen.view.serverTime).toBe(lastPush.serverTime);
    expect(seen.rosterVersion).toBe(lastPush.rosterVersion);
    // ...and no watcher received a push for it.
    await new Promise((r) => setTimeout(r, 400));
    expect(pushes.map((list) => list.length)).toEqual(watchers.map(() => last + 1));

    // A vote reaches every console's tally in one shared build.
    const teamId = joined.view.me.teamId as string;
    const cmd = (command: object) => call(watchers[0], "console:command", { sessionId: session.id, key: key(), command });
    await cmd({ type: "start" });
    const atDecision = waitFor(p, "team:state", (v) => v.node?.id === "contain");
    await cmd({ type: "advance", teamId });
    await atDecision;
    const before = pushes.map((list) => list.length);
    const tallied = waitFor(late, "console:state", (u) => u.teams[0].tally?.total === 1);
    const voted = await call(p, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" });
    expect(voted.ok).toBe(true);
    const shown = await tallied;
    await expect.poll(() => pushes.every((list) => list.some((u) => u.serverTime === shown.serverTime)), { timeout: 15_000 }).toBe(true);
    for (const [i, list] of pushes.entries()) expect(list.slice(before[i]).filter((u) => u.teams[0].tally?.total === 1).map((u) => u.serverTime)).toContain(shown.serverTime);
  });
});
