// The pedagogy warnings (LENGTH_TELL, STRAWMAN_DECISION, NO_TRADEOFF, UNSCORED_CATEGORY) and
// the CSF ref checks (UNKNOWN_CSF_REF, CSF_REF_MISMATCH), on variations of the reference scenario.
import { describe, expect, it } from "vitest";
import { lintScenario } from "@/lib/scenario/lint";
import { isTradeoff, longestLabelWins } from "@/lib/scenario/lint/pedagogy";
import { minimalScenario } from "./helpers";

const summary = (data: unknown) => lintScenario(data).findings.map((f) => `${f.code} ${f.pointer}`);

describe("STRAWMAN_DECISION", () => {
  it("is silenced by teaching: single-answer and reported without it", () => {
    const s = minimalScenario();
    expect(summary(s)).toEqual([]);
    delete s.nodes[1].teaching;
    delete s.nodes[3].teaching;
    expect(summary(s)).toEqual(["STRAWMAN_DECISION /nodes/1", "STRAWMAN_DECISION /nodes/3"]);
    const message = lintScenario(s).findings[0].message;
    expect(message).toContain('only option "restrict"');
    expect(message).toContain('"teaching": "single-answer"');
  });

  it("counts an option's total over capabilities, so a net-negative option is a strawman too", () => {
    const s = minimalScenario();
    delete s.nodes[3].teaching;
    s.nodes[3].options[1].score = { GV: 2, DE: -3 };
    expect(summary(s)).toEqual(["STRAWMAN_DECISION /nodes/3"]);
    s.nodes[3].options[1].score = { GV: -1, DE: 2 };
    expect(summary(s)).toEqual([]);
  });
});

describe("LENGTH_TELL", () => {
  const withThirdNotifyOption = () => {
    const s = minimalScenario();
    s.nodes[3].options.push({ id: "wait", label: "Wait for the lawyers to read it", score: { GV: 0 }, next: "failure" });
    return s;
  };

  it("needs more than half of the decisions with three or more options to tell", () => {
    const s = withThirdNotifyOption();
    // "notify": the top option ("report") already has the longest label; "scope" does not tell.
    expect(s.nodes[3].options[0].label.length).toBeGreaterThan(s.nodes[3].options[2].label.length);
    expect(summary(s)).toEqual([]);
    s.nodes[2].options[0].label = "Bring in the DPO, open a breach record and start counting the 72 hours";
    expect(summary(s)).toEqual(["LENGTH_TELL /nodes"]);
    expect(lintScenario(s).findings[0].message).toContain('in 2 of 2 decisions');
  });

  it("does not count a decision whose longest label is shared, or whose options all score the same", () => {
    const decision = (labels: string[], scores: number[]) =>
      ({
        options: labels.map((label, i) => ({ id: `o${i}`, label, score: { RS: scores[i] }, next: "end" })),
      }) as never;
    expect(longestLabelWins(decision(["aaaa", "bb", "cc"], [2, 0, 0]))).toBe(true);
    expect(longestLabelWins(decision(["aaaa", "bbbb", "cc"], [2, 0, 0]))).toBe(false);
    expect(longestLabelWins(decision(["aaaa", "bb", "cc"], [1, 1, 1]))).toBe(false);
    expect(longestLabelWins(decision(["aaaa", "bb", "cc"], [0, 2, 0]))).toBe(false);
  });
});

describe("NO_TRADEOFF", () => {
  it("sees a trade-off only when each option beats the other on some capability", () => {
    const option = (score: Record<string, number>) => ({ id: "x", label: "x", score, next: "end" });
    expect(isTradeoff(option({ RS: 2 }), option({ GV: 1 }))).toBe(true);
    expect(isTradeoff(option({ RS: 2 }), option({ RS: 1, GV: 1 }))).toBe(true);
    // Dominated: the second never does better anywhere.
    expect(isTradeoff(option({ RS: 2, GV: 1 }), option({ RS: 1 }))).toBe(false);
    expect(isTradeoff(option({ RS: 2 }), option({ RS: 1 }))).toBe(false);
    expect(isTradeoff(option({ RS: 2 }), option({ GV: 0 }))).toBe(false);
  });

  it("warns when the only two-sided decision loses its second capability", () => {
    const s = minimalScenario();
    s.nodes[2].options[1].score = { DE: 1 };
    expect(summary(s)).toEqual(["NO_TRADEOFF /nodes"]);
  });
});

describe("UNSCORED_CATEGORY", () => {
  const withCategory = () => {
    const s = minimalScenario();
    s.capabilities.push({ id: "RS.CO", name: "Incident Response Reporting and Communication", framework: "nist-csf-2.0", ref: "RS.CO" });
    return s;
  };

  it("reports a category scored only at zero or only on a timeout; an unmentioned one stays UNUSED", () => {
    const s = withCategory();
    expect(summary(s)).toEqual(["UNUSED /capabilities/3"]);
    s.nodes[1].onTimeout.score["RS.CO"] = 1;
    expect(summary(s)).toEqual(["UNSCORED_CATEGORY /capabilities/3"]);
    s.nodes[3].options[0].score["RS.CO"] = 1;
    expect(summary(s)).toEqual([]);
  });

  it("applies to a capability whose ref is a category, not to one that stands for a function", () => {
    const s = minimalScenario();
    s.nodes[2].options[2].score = { DE: 0 };
    s.nodes[1].options[1].score = { RS: 0 };
    s.capabilities.push({ id: "contain-fast", name: "Containment", framework: "nist-csf-2.0", ref: "RS.MI" });
    s.nodes[1].options[1].score["contain-fast"] = 0;
    expect(summary(s)).toEqual(["UNSCORED_CATEGORY /capabilities/3"]);
  });
});

describe("CSF refs", () => {
  it("accepts every function and category, a missing ref, and refs on custom frameworks", () => {
    const s = minimalScenario();
    s.capabilities[0].ref = "DE.CM";
    delete s.capabilities[1].ref;
    s.capabilities.push({ id: "pci", name: "PCI DSS", framework: "custom", ref: "Req. 12.10" });
    s.nodes[3].options[0].score.pci = 1;
    expect(summary(s)).toEqual([]);
  });

  it("points a subcategory to its category and suggests a near miss", () => {
    const s = minimalScenario();
    s.capabilities[2].ref = "GV.RR-04";
    s.capabilities[1].ref = "RS.C0";
    const findings = lintScenario(s).findings;
    expect(findings.map((f) => `${f.code} ${f.pointer}`)).toEqual(["UNKNOWN_CSF_REF /capabilities/1/ref", "UNKNOWN_CSF_REF /capabilities/2/ref"]);
    expect(findings[0].message).toContain('did you mean "RS.CO"?');
    expect(findings[1].message).toContain('use the category "GV.RR"');
    expect(lintScenario(s).scenario).toBeUndefined();
  });

  it("requires a CSF-named capability's ref to lie in the same function", () => {
    const s = minimalScenario();
    s.capabilities.push({ id: "RS.CO", name: "Incident Response Reporting and Communication", framework: "nist-csf-2.0", ref: "RS.CO" });
    s.nodes[3].options[0].score["RS.CO"] = 1;
    expect(summary(s)).toEqual([]);
    s.capabilities[3].ref = "RS";
    expect(summary(s)).toEqual([]);
    s.capabilities[3].ref = "GV.RR";
    expect(summary(s)).toEqual(["CSF_REF_MISMATCH /capabilities/3/ref"]);
    s.capabilities[0].ref = "RC";
    expect(summary(s)).toEqual(["CSF_REF_MISMATCH /capabilities/0/ref", "CSF_REF_MISMATCH /capabilities/3/ref"]);
  });
});
