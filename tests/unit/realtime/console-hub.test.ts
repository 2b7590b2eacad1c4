import { describe, expect, it } from "vitest";
import { ConsoleHub, consoleRoom, CONSOLE_MAX_WINDOW_MS, CONSOLE_WINDOW_MS } from "@/lib/realtime/console-hub";
import { RosterChains } from "@/lib/realtime/roster-delta";
import type { ConsoleUpdate, ConsoleView } from "@/lib/session/views";

const SESSION = "s1";

function viewOf(build: number, roster = 3): ConsoleView {
  return {
    session: { id: SESSION, title: "T", status: "RUNNING", anonymous: false, selfAssign: true, locale: "en", joinCode: "ABC", joinUrl: "x", scenarioTitle: "S", scenarioLocale: "en", contentHash: "h", startedAt: null, endedAt: null },
    roles: [],
    capabilities: [],
    teams: [],
    roster: Array.from({ length: roster }, (_, i) => ({ id: `p${i}`, displayName: `P${i}`, teamId: null, roleId: null, connected: true })),
    answers: [],
    notes: [],
    serverTime: `build-${build}`,
  };
}

function setup(watchers: Record<string, number>) {
  let builds = 0;
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const pushes: Array<{ room: string; update: ConsoleUpdate }> = [];
  const hub = new ConsoleHub(
    {
      build: async () => {
        builds++;
        if (gate) await gate;
        return viewOf(builds);
      },
      minGroupSize: async () => 3,
      watchers: (room) => watchers[room] ?? 0,
      emitTallies: () => undefined,
      emit: (room, update) => pushes.push({ room, update }),
      clustered: () => false,
    },
    new RosterChains(),
  );
  return {
    hub,
    pushes,
    builds: () => builds,
    /** Makes the next builds wait until released. */
    hold() {
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release?.();
      };
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ConsoleHub", () => {
  it("builds once per change window however many watchers and changes, and pushes once per watched level", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 5, [consoleRoom(SESSION, "aggregate")]: 2 });
    for (let i = 0; i < 20; i++) t.hub.changed(SESSION);
    await sleep(CONSOLE_WINDOW_MS + 50);
    expect(t.builds()).toBe(1);
    expect(t.pushes.map((p) => p.room).sort()).toEqual([consoleRoom(SESSION, "aggregate"), consoleRoom(SESSION, "raw")]);
    // The aggregate level never carries names.
    const aggregate = t.pushes.find((p) => p.room.endsWith(":aggregate"))!.update;
    expect(aggregate.roster?.every((e) => e.displayName === "")).toBe(true);
  });

  it("serves watchers the last build while nothing changed, with the roster version the next change list builds on", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 1 });
    const first = await t.hub.view(SESSION, "raw");
    expect(t.builds()).toBe(1);
    const again = await Promise.all(Array.from({ length: 10 }, () => t.hub.view(SESSION, "raw")));
    expect(t.builds()).toBe(1);
    for (const v of again) expect(v).toEqual(first);
    expect(first.rosterVersion).toBe(t.pushes.at(-1)!.update.rosterVersion);

    t.hub.changed(SESSION);
    const fresh = await t.hub.view(SESSION, "raw");
    expect(t.builds()).toBe(2);
    expect(fresh.view.serverTime).toBe("build-2");
  });

  it("folds changes made during a build into one more build", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 1 });
    const release = t.hold();
    t.hub.changed(SESSION);
    await sleep(CONSOLE_WINDOW_MS + 30);
    expect(t.builds()).toBe(1);
    for (let i = 0; i < 10; i++) t.hub.changed(SESSION);
    release();
    await sleep(2 * CONSOLE_WINDOW_MS + 80);
    expect(t.builds()).toBe(2);
  });

  it("starts a build only after participant-facing work in flight has finished", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 1 });
    let finishUrgent!: () => void;
    const urgent = t.hub.first(() => new Promise<void>((resolve) => (finishUrgent = resolve)));
    t.hub.changed(SESSION);
    await sleep(CONSOLE_WINDOW_MS + 50);
    expect(t.builds()).toBe(0);
    finishUrgent();
    await urgent;
    await sleep(20);
    expect(t.builds()).toBe(1);
  });

  it("builds a change made during a long build as soon as that build ends, not a whole window later", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 1 });
    const release = t.hold();
    t.hub.changed(SESSION);
    await sleep(CONSOLE_WINDOW_MS + 30);
    expect(t.builds()).toBe(1);
    // A vote lands while the first build is still reading: its window runs from now.
    t.hub.changed(SESSION);
    await sleep(CONSOLE_MAX_WINDOW_MS + 20);
    release();
    // The window has passed during the build: the next build starts at once. Counted from
    // the end of the build, it would start 250 ms later (the window stretched to the build's length).
    await sleep(60);
    expect(t.builds()).toBe(2);
  });

  it("gives way to participant-facing work for one window at most, so a busy room still gets its tallies", async () => {
    const t = setup({ [consoleRoom(SESSION, "raw")]: 1 });
    let finishUrgent!: () => void;
    const urgent = t.hub.first(() => new Promise<void>((resolve) => (finishUrgent = resolve)));
    t.hub.changed(SESSION);
    await sleep(CONSOLE_MAX_WINDOW_MS + 80);
    expect(t.builds()).toBe(1);
    finishUrgent();
    await urgent;
  });

  it("skips the work when nobody watches", async () => {
    const t = setup({});
    t.hub.changed(SESSION);
    await sleep(CONSOLE_WINDOW_MS + 50);
    expect(t.builds()).toBe(0);
    expect(t.pushes).toEqual([]);
  });
});
