// The live clocks' pure parts: running time from the session's own events (pauses excluded),
// story now with a compression factor, and the team's view (required fields per regime, who
// wrote each field, whether the submitter role is held, a rejected notice not counting).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZScenario, startScenario } from "@/lib/scenario";
import { buildTeamClocks, runningMs, storyNowOf } from "@/lib/session/clock-views";

const scenario = ZScenario.parse(JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/scenarios/live-clocks.json"), "utf8")));
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("runningMs", () => {
  it("counts running intervals only, up to now while running", () => {
    const events = [
      { type: "session.started", at: at(0) },
      { type: "session.paused", at: at(10) },
      { type: "session.resumed", at: at(40) },
    ];
    expect(runningMs(events, at(45).getTime())).toBe(15_000);
    expect(runningMs([...events, { type: "session.ended", at: at(50) }], at(99).getTime())).toBe(20_000);
    expect(runningMs([], at(99).getTime())).toBe(0);
  });
});

describe("the team's clock view", () => {
  const state = startScenario(scenario);
  const base = (runMs: number, notices: Parameters<typeof buildTeamClocks>[0]["notices"] = []) => {
    const story = storyNowOf(scenario, state.history, runMs);
    return buildTeamClocks({
      scenario,
      history: state.history,
      storyNow: story.now,
      events: story.events,
      manual: [],
      notices,
      ended: false,
      sessionId: "s",
      team: { id: "t", name: "Blue" },
      running: true,
      serverTime: at(0),
      drafts: [{ taskId: "art33-notice", revision: 3, fields: { nature: { value: "12,000 e-mails", by: "p1", at: at(1).toISOString() } } }],
      roles: new Set(["lead"]),
      names: new Map([["p1", "Swift Otter"]]),
    });
  };

  it("ticks story time at the compression factor: 1 real second is 6 fictional hours", () => {
    const view = base(1_000);
    expect(Date.parse(view.storyNow) - Date.parse("2026-06-12T14:00:00Z")).toBe(6 * 3_600_000);
    expect(view.clocks.find((c) => c.id === "art33")).toMatchObject({ status: "running", deadlineAt: "2026-06-15T14:00:00.000Z" });
    expect(base(9_000).clocks.find((c) => c.id === "art33")!.status).toBe("warning");
    expect(base(13_000).clocks.find((c) => c.id === "art33")!.status).toBe("breached");
  });

  it("marks the regime's required fields and names each field's last writer", () => {
    const task = base(0).tasks.find((t) => t.id === "art33-notice")!;
    expect(task.fields.filter((f) => f.required).map((f) => f.id)).toEqual(["nature", "contact", "consequences", "measures", "delay-reasons"]);
    expect(task.fields[0]).toMatchObject({ value: "12,000 e-mails", by: "Swift Otter" });
    expect(task).toMatchObject({ open: true, submitter: "legal", submitterHeld: false, revision: 3 });
  });

  it("does not count a rejected notice", () => {
    const notice = { id: "n1", taskId: "art33-notice", fields: { nature: "x" }, storyAt: new Date("2026-06-13T00:00:00Z"), submittedBy: "p1" };
    expect(base(1_000, [{ ...notice, status: "received" }]).clocks.find((c) => c.id === "art33")!.status).toBe("met");
    expect(base(1_000, [{ ...notice, status: "rejected" }]).clocks.find((c) => c.id === "art33")!.status).toBe("running");
  });
});
