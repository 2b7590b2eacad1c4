// Which file of an evidence pack serves which requirement (controls.json in the pack).
// `wording` is quoted only where the text is public and known exactly; everything marked
// `paraphrased` is a summary, and the auditor reads the source named beside it.
// docs/evidence.md carries the same table with its sources.

export type Control = {
  framework: string;
  ref: string;
  title: string;
  wording: string;
  paraphrased: boolean;
  source: string;
  files: string[];
  how: string;
};

const EXERCISE = ["aar.pdf", "aar.json", "decision-log.json", "attendance.json"];

export const CONTROLS: readonly Control[] = [
  {
    framework: "ISO/IEC 27001:2022 Annex A",
    ref: "5.24",
    title: "Information security incident management planning and preparation",
    wording: "The organisation plans and prepares for managing incidents by defining, establishing and communicating processes, roles and responsibilities.",
    paraphrased: true,
    source: "ISO/IEC 27001:2022, Annex A (licensed text, not reproduced)",
    files: [...EXERCISE, "scenario.json"],
    how: "The exercise rehearsed the planned process and roles; the scenario version shows what was rehearsed.",
  },
  {
    framework: "ISO/IEC 27001:2022 Annex A",
    ref: "5.25",
    title: "Assessment and decision on information security events",
    wording: "Events are assessed and it is decided whether they are to be categorised as incidents.",
    paraphrased: true,
    source: "ISO/IEC 27001:2022, Annex A (licensed text, not reproduced)",
    files: ["decision-log.json", "aar.json"],
    how: "Each assessment and decision the teams took, with when it was entered and when it was locked.",
  },
  {
    framework: "ISO/IEC 27001:2022 Annex A",
    ref: "5.26",
    title: "Response to information security incidents",
    wording: "Incidents are responded to in accordance with documented procedures.",
    paraphrased: true,
    source: "ISO/IEC 27001:2022, Annex A (licensed text, not reproduced)",
    files: ["decision-log.json", "aar.pdf", "clocks.json"],
    how: "The response as exercised, scored against the scenario's expected actions, and the notifications against their legal clocks where the scenario has them.",
  },
  {
    framework: "ISO/IEC 27001:2022 Annex A",
    ref: "5.27",
    title: "Learning from information security incidents",
    wording: "Knowledge gained from incidents is used to strengthen and improve controls.",
    paraphrased: true,
    source: "ISO/IEC 27001:2022, Annex A (licensed text, not reproduced)",
    files: ["improvements.json", "aar.pdf"],
    how: "Improvement items from the AAR, each with its owner, due date and status history up to verification by a later exercise.",
  },
  {
    framework: "ISO/IEC 27001:2022 Annex A",
    ref: "5.28",
    title: "Collection of evidence",
    wording: "Procedures are established and applied for identifying, collecting, acquiring and preserving evidence.",
    paraphrased: true,
    source: "ISO/IEC 27001:2022, Annex A (licensed text, not reproduced)",
    files: ["manifest.json", "manifest.sig", "audit-chain.json"],
    how: "The pack itself: every file hashed and signed, and the audit rows of the session chained to a signed checkpoint.",
  },
  {
    framework: "PCI DSS v4.0",
    ref: "12.10.2",
    title: "Incident response plan reviewed and tested at least once every 12 months",
    wording: "At least once every 12 months, the security incident response plan is reviewed and updated as needed, and tested, including all elements of Requirement 12.10.1.",
    paraphrased: true,
    source: "PCI DSS v4.0 / v4.0.1, Requirement 12.10.2 (PCI Security Standards Council document library)",
    files: ["index.json", "aar.pdf", "aar.json", "attendance.json", "audit-chain.json"],
    how: "The date and content of the test, who took part (counts), and the signed audit trail showing when it ran; a period pack's index.json says whether the latest test lies within 12 months.",
  },
  {
    framework: "HIPAA Security Rule",
    ref: "45 CFR 164.308(a)(7)(ii)(D)",
    title: "Testing and revision procedures (Addressable)",
    wording: "Implement procedures for periodic testing and revision of contingency plans.",
    paraphrased: false,
    source: "45 CFR 164.308(a)(7)(ii)(D), Electronic Code of Federal Regulations",
    files: ["aar.pdf", "improvements.json"],
    how: "The test (the exercise) and the revisions it led to (improvement items and their status).",
  },
  {
    framework: "NIS2 Directive (EU) 2022/2555",
    ref: "Art. 21(2)(b) and (c)",
    title: "Incident handling; business continuity and crisis management",
    wording: "(b) incident handling; (c) business continuity, such as backup management and disaster recovery, and crisis management;",
    paraphrased: false,
    source: "Directive (EU) 2022/2555, Article 21(2), EUR-Lex",
    files: [...EXERCISE, "clocks.json", "improvements.json"],
    how: "An exercise of incident handling and crisis decisions, with its findings and follow-up.",
  },
  {
    framework: "DORA Regulation (EU) 2022/2554",
    ref: "Art. 11(6)",
    title: "Testing of ICT business continuity and ICT response and recovery plans",
    wording: "Financial entities test their ICT business continuity plans and ICT response and recovery plans at least yearly and after substantive changes.",
    paraphrased: true,
    source: "Regulation (EU) 2022/2554, Article 11(6), EUR-Lex",
    files: ["index.json", "aar.pdf", "aar.json", "decision-log.json", "audit-chain.json"],
    how: "The dated test of the response plan and its results; a period pack's index.json says whether the latest test lies within 12 months.",
  },
  {
    framework: "DORA Regulation (EU) 2022/2554",
    ref: "Art. 13",
    title: "Learning and evolving",
    wording: "Financial entities gather information on threats and incidents and carry out post-incident reviews, and feed the lessons, including from tests, back into their ICT risk management.",
    paraphrased: true,
    source: "Regulation (EU) 2022/2554, Article 13, EUR-Lex",
    files: ["improvements.json", "aar.pdf"],
    how: "Lessons from the exercise as tracked improvement items, and whether a later exercise verified them.",
  },
  {
    framework: "NIST CSF 2.0",
    ref: "ID.IM-02",
    title: "Improvements from security tests and exercises",
    wording: "Improvements are identified from security tests and exercises, including those done in coordination with suppliers and relevant third parties",
    paraphrased: false,
    source: "NIST Cybersecurity Framework 2.0 (NIST CSWP 29, February 2024)",
    files: ["improvements.json", "aar.json"],
    how: "The improvement items identified by this exercise.",
  },
  {
    framework: "NIST CSF 2.0",
    ref: "ID.IM-04",
    title: "Incident response plans are established, communicated, maintained, and improved",
    wording: "Incident response plans and other cybersecurity plans that affect operations are established, communicated, maintained, and improved",
    paraphrased: false,
    source: "NIST Cybersecurity Framework 2.0 (NIST CSWP 29, February 2024)",
    files: ["aar.pdf", "improvements.json"],
    how: "The plan exercised, and the changes to it tracked until a later exercise verified them.",
  },
];

/** Where a pack path sits in the mapping: a period pack's session folders collapse to `sessions/*`. */
function mappedPath(path: string): string {
  return path.replace(/^sessions\/[^/]+\//, "sessions/*/");
}

/** The mapping for a pack holding `paths`: each control names the files present that serve it. */
export function controlMapping(paths: readonly string[]) {
  const present = [...new Set(paths.map(mappedPath))];
  const baseName = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  return {
    note: "Which file of this pack serves which requirement. 'paraphrased: true' marks a summary, not the text of the requirement: read the source. In a period pack, sessions/*/ stands for every session's folder.",
    controls: CONTROLS.map((c) => ({ ...c, files: c.files.flatMap((f) => (f === "manifest.json" || f === "manifest.sig" ? [f] : present.filter((p) => baseName(p) === f))) })),
  };
}
