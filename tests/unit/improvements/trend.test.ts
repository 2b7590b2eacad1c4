import { describe, expect, it } from "vitest";
import { ledgerTrend, stateAt } from "@/lib/improvements/trend";

const h = (to: string, at: string) => ({ from: null, to, at, actorId: null, sessionId: null });

describe("ledger trend", () => {
  it("replays each item's status history to the end of every month", () => {
    const items = [
      { teamName: "Blue", dueDate: "2026-10-15", history: [h("OPEN", "2026-09-10T10:00:00.000Z"), h("IN_PROGRESS", "2026-10-01T10:00:00.000Z"), h("VERIFIED", "2026-11-20T10:00:00.000Z")] },
      { teamName: "Blue", dueDate: null, history: [h("OPEN", "2026-11-02T10:00:00.000Z")] },
      { teamName: "Red", dueDate: "2026-09-01", history: [h("OPEN", "2026-08-01T10:00:00.000Z"), h("CANCELLED", "2026-09-15T10:00:00.000Z")] },
      { teamName: null, dueDate: null, history: [h("OPEN", "2026-08-01T10:00:00.000Z")] },
    ];
    const trend = ledgerTrend(items, new Date("2026-12-03T12:00:00.000Z"), 4);
    expect(trend.map((t) => t.team)).toEqual(["Blue", "Red"]);
    expect(trend[0].months).toEqual([
      { month: "2026-09", open: 1, overdue: 0, verified: 0 },
      { month: "2026-10", open: 1, overdue: 1, verified: 0 },
      { month: "2026-11", open: 1, overdue: 0, verified: 1 },
      { month: "2026-12", open: 1, overdue: 0, verified: 1 },
    ]);
    expect(trend[1].months.map((m) => m.open)).toEqual([0, 0, 0, 0]);
  });

  it("has no state before the item existed", () => {
    expect(stateAt([h("OPEN", "2026-11-02T10:00:00.000Z")], new Date("2026-11-01T00:00:00.000Z"))).toBeNull();
  });
});
