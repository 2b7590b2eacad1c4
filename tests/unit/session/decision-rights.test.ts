import { describe, expect, it } from "vitest";
import { decidersOf, lockRights, missingOwners, recordedRights } from "@/lib/session/decision-rights";
import { tallyVotes } from "@/lib/session/tally";

const v = (participantId: string, optionId: string, roleId: string | null = null) => ({ participantId, optionId, roleId });
const ransom = { decidedBy: "team-vote", owner: ["executive"], consult: ["legal"] };
const options = ["refuse", "pay"];

describe("decision rights: who decides", () => {
  it("gives the decision to the owner roles held in the team, over the team vote", () => {
    const held = new Set(["executive", "legal", "it"]);
    expect(decidersOf(ransom, held)).toEqual(["executive"]);
    // Three votes to pay, the executive's one to refuse: the owner's vote decides.
    const votes = [v("a", "pay", "it"), v("b", "pay", "legal"), v("c", "pay", null), v("d", "refuse", "executive")];
    expect(tallyVotes(votes, decidersOf(ransom, held), options)).toMatchObject({ winner: "refuse", counted: 1, total: 4, method: "role" });
    expect(missingOwners(ransom, held)).toEqual([]);
  });

  it("falls back to the node's decidedBy when nobody holds an owner role, and names the missing owners", () => {
    const held = new Set(["legal", "it"]);
    expect(decidersOf(ransom, held)).toBe("team-vote");
    expect(decidersOf({ ...ransom, decidedBy: "legal" }, held)).toBe("legal");
    expect(missingOwners(ransom, held)).toEqual(["executive"]);
    const votes = [v("a", "pay", "it"), v("b", "pay", "legal"), v("c", "refuse", null)];
    expect(tallyVotes(votes, decidersOf(ransom, held), options)).toMatchObject({ winner: "pay", method: "majority" });
  });

  it("counts the votes of every owner role held when a decision has several owners", () => {
    const node = { decidedBy: "team-vote", owner: ["ceo", "cfo"] };
    const held = new Set(["cfo", "it"]);
    expect(decidersOf(node, held)).toEqual(["cfo"]);
    expect(missingOwners(node, held)).toEqual([]);
    expect(missingOwners(node, new Set(["it"]))).toEqual(["ceo", "cfo"]);
  });

  it("leaves decisions without owners as they were", () => {
    expect(decidersOf({ decidedBy: "legal" }, new Set())).toBe("legal");
    expect(missingOwners({ decidedBy: "team-vote" }, new Set())).toEqual([]);
  });
});

describe("decision rights: what a lock records", () => {
  it("records a decision taken without its owner", () => {
    expect(lockRights(ransom, new Set(["legal"]), [v("a", "refuse", "legal")], "refuse", options)).toEqual({ withoutOwner: ["executive"], againstConsult: [] });
  });

  it("records a consulted role that voted for something else, with how many of it voted", () => {
    const votes = [v("a", "pay", "executive"), v("b", "refuse", "legal"), v("c", "refuse", "legal"), v("d", "pay", "legal")];
    expect(lockRights(ransom, new Set(["executive", "legal"]), votes, "pay", options)).toEqual({
      withoutOwner: [],
      againstConsult: [{ roleId: "legal", optionIds: ["refuse"], votes: 3 }],
    });
  });

  it("records nothing when the owner decided with the consulted role, or the consulted role did not vote or was split", () => {
    const held = new Set(["executive", "legal"]);
    expect(lockRights(ransom, held, [v("a", "pay", "executive"), v("b", "pay", "legal")], "pay", options)).toBeNull();
    expect(lockRights(ransom, held, [v("a", "pay", "executive")], "pay", options)).toBeNull();
    expect(lockRights(ransom, held, [v("a", "pay", "executive"), v("b", "pay", "legal"), v("c", "refuse", "legal")], "pay", options)).toBeNull();
  });

  it("reads back what a lock stored in the decision's tally, and ignores rows without it", () => {
    const rights = { withoutOwner: ["executive"], againstConsult: [{ roleId: "legal", optionIds: ["refuse"], votes: 1 }] };
    expect(recordedRights({ counts: {}, counted: 0, total: 0, rights })).toEqual(rights);
    expect(recordedRights({ counts: {}, counted: 0, total: 0 })).toBeNull();
    expect(recordedRights(null)).toBeNull();
    expect(recordedRights({ rights: { withoutOwner: "executive", againstConsult: [{ roleId: 1 }] } })).toBeNull();
  });
});
