// Pedagogy checks on a scenario that passed the schema: patterns that teach the wrong thing
// even when the graph is sound. A team that can win by picking the longest label, or by
// discarding obvious strawmen, practises nothing; a scenario without a single trade-off
// never asks it to weigh one capability against another.
import { csfPlacement } from "../csf";
import type { TDecisionNode, TOption, TScenario } from "../schema";
import { finding, type Finding } from "./rules";

/** The points an option awards in total, over every capability. */
export function optionTotal(option: Pick<TOption, "score">): number {
  return Object.values(option.score ?? {}).reduce((sum, points) => sum + points, 0);
}

const labelLength = (option: TOption) => [...option.label.trim()].length;

type IndexedDecision = { node: TDecisionNode; index: number };

function decisionsOf(scenario: TScenario): IndexedDecision[] {
  return scenario.nodes.flatMap((node, index) => (node.type === "decision" ? [{ node, index }] : []));
}

/** Does the decision's single longest label belong to a top-scoring option (when scores differ)? */
export function longestLabelWins(decision: TDecisionNode): boolean {
  const totals = decision.options.map(optionTotal);
  const top = Math.max(...totals);
  if (top === Math.min(...totals)) return false;
  const lengths = decision.options.map(labelLength);
  const longest = Math.max(...lengths);
  const holders = lengths.flatMap((length, i) => (length === longest ? [i] : []));
  return holders.length === 1 && totals[holders[0]] === top;
}

/** Does one option beat the other on some capability while the other beats it on another? */
export function isTradeoff(a: TOption, b: TOption): boolean {
  const beats = (x: TOption, y: TOption) =>
    Object.entries(x.score ?? {}).some(([capability, points]) => points > 0 && points > (y.score?.[capability] ?? 0));
  return beats(a, b) && beats(b, a);
}

export function hasTradeoff(decision: TDecisionNode): boolean {
  const { options } = decision;
  return options.some((a, i) => options.slice(i + 1).some((b) => isTradeoff(a, b)));
}

export function checkPedagogy(scenario: TScenario, out: Finding[]): void {
  const decisions = decisionsOf(scenario);

  for (const { node, index } of decisions) {
    if (node.teaching === "single-answer") continue;
    const positive = node.options.filter((option) => optionTotal(option) > 0);
    if (positive.length !== 1) continue;
    const others = node.options.filter((option) => option !== positive[0]).map((option) => `"${option.id}"`);
    out.push(
      finding(
        "STRAWMAN_DECISION",
        ["nodes", index],
        `only option "${positive[0].id}" of decision "${node.id}" scores above zero, so ${others.join(", ")} ${others.length === 1 ? "is a strawman" : "are strawmen"}; give another option a defensible case that scores on a different capability, or mark the decision "teaching": "single-answer" if the answer is a duty with no discretion`,
      ),
    );
  }

  const judged = decisions.filter(({ node }) => node.options.length >= 3);
  const telling = judged.filter(({ node }) => longestLabelWins(node));
  if (judged.length > 0 && telling.length * 2 > judged.length) {
    out.push(
      finding(
        "LENGTH_TELL",
        ["nodes"],
        `in ${telling.length} of ${judged.length} decisions with three or more options the top-scoring option also has the longest label (${telling.map(({ node }) => `"${node.id}"`).join(", ")}), so length gives the answer away; balance the label lengths`,
      ),
    );
  }

  if (decisions.length > 0 && !decisions.some(({ node }) => hasTradeoff(node))) {
    out.push(
      finding(
        "NO_TRADEOFF",
        ["nodes"],
        "no decision has two options that each score better on a different capability, so the team never weighs one capability against another; give at least one decision two defensible options, e.g. one scoring RS.MI and the other RS.CO",
      ),
    );
  }

  const mentioned = new Set<string>();
  const awarded = new Set<string>();
  for (const { node } of decisions) {
    for (const option of node.options) {
      for (const [capability, points] of Object.entries(option.score ?? {})) {
        mentioned.add(capability);
        if (points > 0) awarded.add(capability);
      }
    }
    for (const capability of Object.keys(node.onTimeout?.score ?? {})) mentioned.add(capability);
  }
  scenario.capabilities.forEach((capability, index) => {
    const category = csfPlacement(capability)?.category;
    // A capability scored nowhere is already UNUSED.
    if (!category || !mentioned.has(capability.id) || awarded.has(capability.id)) return;
    out.push(
      finding(
        "UNSCORED_CATEGORY",
        ["capabilities", index],
        `capability "${capability.id}" stands for CSF category ${category} but no option awards it points, so reports would always show it at zero; score it on the option that practises it, or remove it`,
      ),
    );
  });
}
