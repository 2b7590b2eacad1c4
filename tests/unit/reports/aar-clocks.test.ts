import { describe, expect, it } from "vitest";
import { lintScenarioText } from "@/lib/scenario/lint";
import { buildClockSection, clocksCsv, lateText, replayTeam } from "@/lib/reports/aar-clocks";
import { readFixture } from "../scenario/helpers";

const scenario = lintScenarioText(readFixture("valid-clocks.json")).scenario!;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const decisions = [
  { sessionTeamId: "fast", nodeId: "contain", visit: 1, optionId: "restrict", decidedAt: at(1) },
  { sessionTeamId: "fast", nodeId: "scope", visit: 1, optionId: "escalate", decidedAt: at(2) },
  { sessionTeamId: "fast", nodeId: "notify", visit: 1, optionId: "report", decidedAt: at(3) },
  { sessionTeamId: "slow", nodeId: "contain", visit: 1, optionId: "restrict", decidedAt: at(1) },
  { sessionTeamId: "slow", nodeId: "scope", visit: 1, optionId: "monitor", decidedAt: at(2) },
  { sessionTeamId: "slow", nodeId: "notify", visit: 1, optionId: "report", decidedAt: at(3) },
];
const teams = [
  { id: "fast", name: "Fast", currentNodeId: "success" },
  { id: "slow", name: "Slow", currentNodeId: "failure" },
  { id: "small", name: "Small", currentNodeId: null },
];

describe("AAR clocks section", () => {
  it("replays a team's path from its recorded decisions", () => {
    const state = replayTeam(scenario, decisions.filter((d) => d.sessionTeamId === "slow"), "failure");
    expect(state.status).toBe("ended");
    expect(state.choices).toEqual({ contain: "restrict", scope: "monitor", notify: "report" });
  });

  it("judges each team's clocks in the story's time, with notices, and withholds small groups", () => {
    const section = buildClockSection({
      scenario,
      teams,
      decisions,
      notices: [{ sessionTeamId: "slow", taskId: "art33-notice", at: Date.parse("2026-06-16T12:00:00Z"), fields: { nature: "x", contact: "y", consequences: "z", measures: "w" } }],
      withheld: new Set(["small"]),
    })!;
    expect(section.timeZone).toBe("Europe/Warsaw");
    const [fast, slow, small] = section.teams;
    expect(fast.clocks[0]).toMatchObject({ started: "2026-06-13 12:12", deadline: "2026-06-16 12:12", submitted: null, timeliness: "never" });
    // 14:00 Warsaw on 16 June: 1 h 48 min after the deadline, without the reasons for the delay.
    expect(slow.clocks[0]).toMatchObject({ submitted: "2026-06-16 14:00", lateByMinutes: 108, timeliness: "late", missingFields: ["delay-reasons"] });
    expect(slow.clocks[0].strip.submitted!).toBeGreaterThan(slow.clocks[0].strip.deadline!);
    expect(small).toMatchObject({ withheld: true, clocks: [] });
    const csv = clocksCsv(section);
    expect(csv).toContain("Slow,gdpr-art33,gdpr-art33,GDPR Art. 33(1) and (3)");
    expect(csv).toContain("2026-06-16 14:00,108,late,delay-reasons,1,1.6,4,Europe/Warsaw");
    expect(csv).toContain("Small,,,,,,,,,withheld: small-group");
  });

  it("has no section for a scenario without clocks", () => {
    expect(buildClockSection({ scenario: { ...scenario, clocks: [] }, teams, decisions, withheld: new Set() })).toBeNull();
    expect(lateText(108)).toBe("1 h 48 min");
    expect(lateText(1500)).toBe("1 d 1 h");
  });
});
