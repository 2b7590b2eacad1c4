// Votes reach the console's tallies on their own (console:tally), counted in the vote
// batch's own transaction and pushed with its commit, and the next whole build
// (console:state) shows the same numbers; a changed vote moves the count; over real socket.io
// clients against the real server and database. Order is asserted through the pushes'
// tally sequence numbers, never through wall-clock time.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/app";
import { api, call, key, liveApp, waitFor } from "../../helpers/live";
import type { ConsoleTallies, ConsoleUpdate } from "@/lib/session/views";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/live-drill.json");
const CHOICES = ["isolate", "isolate", "wait", "isolate", "wait"];

describe("console tallies follow votes between console builds", () => {
  const { live, open } = liveApp(FIXTURE);

  it(`${CHOICES.length} participants vote: the watcher's console:tally counts them, and the next build agrees`, { timeout: 120_000 }, async () => {
    const created = await api(live.app, live.cookie, "POST", "/api/sessions", { scenarioId: live.scenarioId, teams: ["Red"], anonymous: true });
    expect(created.status).toBe(201);
    const session = created.body as { id: string; joinCode: string };
    const watcher = open(live.cookie);
    const pushes: Array<{ kind: "state"; u: ConsoleUpdate } | { kind: "tally"; u: ConsoleTallies }> = [];
    watcher.on("console:state", (u) => pushes.push({ kind: "state", u }));
    watcher.on("console:tally", (u) => pushes.push({ kind: "tally", u }));
    const watched = await call(watcher, "console:watch", { sessionId: session.id });
    expect(watched.ok).toBe(true);
    expect(typeof watched.tallySeq).toBe("number");

    const participants = [];
    for (const [i] of CHOICES.entries()) {
      const p = open();
      const joined = await call(p, "participant:join", { code: session.joinCode, displayName: `P${i}` });
      expect(joined.ok).toBe(true);
      participants.push({ socket: p, teamId: joined.view.me.teamId as string });
    }
    const teamId = participants[0].teamId;
    const cmd = (command: object) => call(watcher, "console:command", { sessionId: session.id, key: key(), command });
    expect((await cmd({ type: "start" })).ok).toBe(true);
    const atDecision = waitFor(watcher, "console:state", (u) => u.teams[0].node?.id === "contain");
    expect((await cmd({ type: "advance", teamId })).ok).toBe(true);
    // The decision has a 4 s limit: give a loaded machine ten minutes to vote.
    expect((await cmd({ type: "extend", teamId, seconds: 600 })).ok).toBe(true);
    await atDecision;

    const first = pushes.length;
    const acks = await Promise.all(participants.map((p, i) => call(p.socket, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: CHOICES[i] })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const expected = { isolate: 3, wait: 2, "notify-now": 0 };
    const allCounted = (t: { total: number } | null | undefined) => t?.total === CHOICES.length;

    // A console:tally counts every vote, exactly as cast (a named count per option).
    await expect.poll(() => pushes.slice(first).some((p) => p.kind === "tally" && allCounted(p.u.teams[0]?.tally)), { timeout: 15_000 }).toBe(true);
    const delta = pushes.slice(first).find((p) => p.kind === "tally" && allCounted(p.u.teams[0]?.tally))!.u as ConsoleTallies;
    expect(delta.sessionId).toBe(session.id);
    expect(delta.teams).toHaveLength(1);
    expect(delta.teams[0]).toMatchObject({ teamId, nodeId: "contain", visit: 1, withheld: null });
    expect(delta.teams[0].tally).toMatchObject({ counts: expected, total: 5, counted: 5, winner: "isolate", tied: [] });
    // Nothing about who voted travels with it.
    expect(JSON.stringify(delta)).not.toMatch(/P\d/);

    // Every tally push is newer than the build the watcher held when it arrived, and newer than the tally push before it.
    let held = watched.tallySeq as number;
    let lastTally = 0;
    for (const p of pushes) {
      if (p.kind === "state") held = Math.max(held, p.u.tallySeq ?? 0);
      else {
        expect(p.u.tallySeq).toBeGreaterThan(held);
        expect(p.u.tallySeq).toBeGreaterThan(lastTally);
        lastTally = p.u.tallySeq;
      }
    }

    // The next whole build, read after that push, shows the same tally. A build that started
    // before that tally was read may already hold every vote and be the last one the votes
    // cause, so a further change (one more minute on the clock) asks for the next build.
    expect((await cmd({ type: "extend", teamId, seconds: 60 })).ok).toBe(true);
    const later = (p: (typeof pushes)[number]) => p.kind === "state" && (p.u.tallySeq ?? 0) > delta.tallySeq;
    await expect.poll(() => pushes.some(later), { timeout: 15_000 }).toBe(true);
    const built = pushes.find(later)!.u as ConsoleUpdate;
    expect(built.teams[0].tally).toEqual(delta.teams[0].tally);
    // A console that opens now is served the same numbers.
    const late = open(live.cookie);
    const seen = await call(late, "console:watch", { sessionId: session.id });
    expect(seen.view.teams[0].tally).toEqual(delta.teams[0].tally);

    // A participant changes its vote: the next push counts it in its new place, not twice.
    const beforeChange = pushes.length;
    expect((await call(participants[2].socket, "vote:cast", { key: key(), nodeId: "contain", visit: 1, optionId: "isolate" })).ok).toBe(true);
    const moved = (p: (typeof pushes)[number]) => p.kind === "tally" && p.u.teams[0]?.tally?.counts.isolate === 4;
    await expect.poll(() => pushes.slice(beforeChange).some(moved), { timeout: 15_000 }).toBe(true);
    const change = pushes.slice(beforeChange).find(moved)!.u as ConsoleTallies;
    expect(change.teams[0].tally).toMatchObject({ counts: { isolate: 4, wait: 1, "notify-now": 0 }, total: 5, counted: 5, winner: "isolate" });
    expect(change.tallySeq).toBeGreaterThan(delta.tallySeq);
  });
});
