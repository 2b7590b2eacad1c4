import { describe, expect, it } from "vitest";
import { countsTowardsRate, onTimeNotificationRate, periodStart } from "@/lib/reports/notification-rate";

const run = (teamId: string, day: string, timeliness: Parameters<typeof countsTowardsRate>[0][], respondents = 5) => ({ teamId, teamName: teamId.toUpperCase(), at: new Date(`${day}T10:00:00Z`), respondents, timeliness });

describe("on-time notification rate", () => {
  it("starts weeks on Monday and months on the first, in UTC", () => {
    expect(periodStart(new Date("2026-12-03T23:59:00Z"), "week")).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart(new Date("2026-11-30T00:00:00Z"), "week")).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart(new Date("2026-12-06T12:00:00Z"), "week")).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart(new Date("2026-12-03T10:00:00Z"), "month")).toBe("2026-12-01T00:00:00.000Z");
  });

  it("is the share of due notices sent in time, per team and period, over every session in the period", () => {
    const rate = onTimeNotificationRate(
      [
        run("red", "2026-11-02", ["on-time", "late"]),
        run("red", "2026-11-20", ["never", "on-time"]),
        run("red", "2026-12-03", ["on-time"]),
        run("blue", "2026-11-10", ["never", "never", "late"]),
      ],
      "month",
      3,
    );
    expect(rate.buckets).toEqual(["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"]);
    expect(rate.teams.map((t) => t.name)).toEqual(["BLUE", "RED"]);
    const red = rate.teams[1].points;
    expect(red[0]).toMatchObject({ due: 4, onTime: 2, rate: 0.5 });
    expect(red[1]).toMatchObject({ due: 1, onTime: 1, rate: 1 });
    expect(rate.teams[0].points[0]).toMatchObject({ due: 3, onTime: 0, rate: 0 });
  });

  it("does not count clocks that never started, were stopped by hand, or were still open when the exercise stopped", () => {
    expect(["not-started", "stopped", "open"].map((t) => countsTowardsRate(t as never))).toEqual([false, false, false]);
    const rate = onTimeNotificationRate([run("red", "2026-11-02", ["not-started", "stopped", "open"]), run("blue", "2026-11-02", ["open", "late"])], "week", 3);
    expect(rate.teams.map((t) => t.id)).toEqual(["blue"]);
    expect(rate.teams[0].points[0]).toMatchObject({ due: 1, onTime: 0, rate: 0 });
  });

  it("withholds a team's period with fewer than k respondents", () => {
    const rate = onTimeNotificationRate([run("red", "2026-11-02", ["on-time"], 2), run("red", "2026-11-20", ["late"], 4)], "week", 3);
    expect(rate.teams[0].points).toEqual([
      { bucket: "2026-11-02T00:00:00.000Z", due: 0, onTime: 0, rate: null, suppressed: true, respondents: 2 },
      { bucket: "2026-11-16T00:00:00.000Z", due: 1, onTime: 0, rate: 0, suppressed: false, respondents: 4 },
    ]);
  });
});
