import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, MERGE_WINDOW_MS, canRedo, canUndo, createHistory, record, redo, undo } from "@/lib/studio/history";

describe("undo/redo history", () => {
  it("undoes and redoes in order, and a new edit drops the redo branch", () => {
    let h = createHistory("a");
    h = record(h, "b", { now: 0 });
    h = record(h, "c", { now: 5000 });
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe("b");
    h = record(h, "x", { now: 9000 });
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe("b");
  });

  it("merges edits of one field typed in quick succession into one step", () => {
    let h = createHistory("");
    h = record(h, "H", { key: "/title", now: 0 });
    h = record(h, "He", { key: "/title", now: 300 });
    h = record(h, "Hey", { key: "/title", now: 600 });
    h = record(h, "Hey!", { key: "/summary", now: 700 });
    h = record(h, "Hey!?", { key: "/summary", now: 700 + MERGE_WINDOW_MS + 1 });
    expect(h.past).toEqual(["", "Hey", "Hey!"]);
    expect(undo(h).present).toBe("Hey!");
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, { now: i * 10_000 });
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
