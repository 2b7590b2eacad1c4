import { describe, expect, it } from "vitest";
import { tallyVotes } from "@/lib/session/tally";

const v = (participantId: string, optionId: string, roleId: string | null = null) => ({ participantId, optionId, roleId });

describe("tallyVotes", () => {
  it("finds the majority of a team vote and counts every available option", () => {
    const t = tallyVotes([v("a", "x"), v("b", "x"), v("c", "y")], "team-vote", ["x", "y", "z"]);
    expect(t).toEqual({ counts: { x: 2, y: 1, z: 0 }, counted: 3, total: 3, winner: "x", tied: [], method: "majority" });
  });

  it("reports a tie instead of picking one", () => {
    const t = tallyVotes([v("a", "x"), v("b", "y")], "team-vote", ["x", "y"]);
    expect(t.winner).toBeNull();
    expect(t.tied).toEqual(["x", "y"]);
  });

  it("has no winner without votes", () => {
    expect(tallyVotes([], "team-vote", ["x", "y"])).toMatchObject({ winner: null, tied: [], counted: 0 });
  });

  it("lets only the deciding role decide, while showing everyone's votes", () => {
    const t = tallyVotes([v("a", "x", "it"), v("b", "x", "it"), v("c", "y", "legal")], "legal", ["x", "y"]);
    expect(t).toMatchObject({ counts: { x: 2, y: 1 }, counted: 1, total: 3, winner: "y", method: "role" });
    expect(tallyVotes([v("a", "x", "it")], "legal", ["x", "y"])).toMatchObject({ winner: null, counted: 0 });
  });

  it("ignores votes for options that are not offered", () => {
    expect(tallyVotes([v("a", "gone"), v("b", "x")], "team-vote", ["x"])).toMatchObject({ counts: { x: 1 }, winner: "x", counted: 1, total: 2 });
  });
});
