// A branch's condition in words ("if evidence preserved and time ran out on “Contain”"),
// for graph labels on the scenario page and in the studio, where "case 1 / else" said
// nothing. Pure and defensive: studio drafts may hold half-written conditions, which read
// as `vocabulary.unknown` instead of throwing. The words come from the caller, in the
// interface language; variable names are split from camelCase or snake_case.

/** The words a condition is told with; each takes already-worded parts. */
export type ConditionVocabulary = {
  isTrue(name: string): string;
  isFalse(name: string): string;
  compare(name: string, op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte", value: string): string;
  visited(title: string): string;
  chose(option: string): string;
  timedOut(decision: string): string;
  all(parts: string[]): string;
  any(parts: string[]): string;
  not(part: string): string;
  when(text: string): string;
  unknown: string;
};

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const OPS = new Set(["eq", "ne", "lt", "lte", "gt", "gte"]);
export const MAX_CONDITION_WORDS = 90;

/** "evidencePreserved" and "evidence_preserved" both read "evidence preserved". */
export function humanizeName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase().trim();
}

function nodeTitle(nodes: Loose[], id: string): string {
  const node = nodes.find((n) => n.id === id);
  const title = node && (typeof node.title === "string" && node.title.trim() ? node.title : typeof node.prompt === "string" ? node.prompt : null);
  return (title ?? id).replace(/\s+/g, " ").trim().slice(0, 40);
}

function optionLabel(nodes: Loose[], target: string): string {
  // `chose` is "decisionId.optionId"; ids may contain dots, so try every split.
  for (let i = target.indexOf("."); i !== -1; i = target.indexOf(".", i + 1)) {
    const node = nodes.find((n) => n.id === target.slice(0, i));
    const optionId = target.slice(i + 1);
    if (!node) continue;
    if (optionId === "@timeout") return `\u0000${nodeTitle(nodes, String(node.id))}`;
    const option = Array.isArray(node.options) ? node.options.find((o) => isObj(o) && o.id === optionId) : undefined;
    if (isObj(option) && typeof option.label === "string") return option.label.slice(0, 40);
  }
  return target;
}

function words(condition: unknown, nodes: Loose[], v: ConditionVocabulary, depth: number): string {
  if (!isObj(condition) || depth > 6) return v.unknown;
  const list = (key: string) => (Array.isArray(condition[key]) ? (condition[key] as unknown[]).map((c) => words(c, nodes, v, depth + 1)) : null);
  const all = list("all");
  if (all) return all.length === 1 ? all[0] : v.all(all);
  const any = list("any");
  if (any) return any.length === 1 ? any[0] : v.any(any);
  if ("not" in condition) return v.not(words(condition.not, nodes, v, depth + 1));
  if (typeof condition.visited === "string") return v.visited(nodeTitle(nodes, condition.visited));
  if (typeof condition.chose === "string") {
    const label = optionLabel(nodes, condition.chose);
    return label.startsWith("\u0000") ? v.timedOut(label.slice(1)) : v.chose(label);
  }
  if (typeof condition.var === "string" && typeof condition.op === "string" && OPS.has(condition.op)) {
    const name = humanizeName(condition.var);
    const { op, value } = condition;
    if (typeof value === "boolean" && (op === "eq" || op === "ne")) return (op === "eq") === value ? v.isTrue(name) : v.isFalse(name);
    return v.compare(name, op as "eq", typeof value === "string" ? `“${value}”` : String(value));
  }
  return v.unknown;
}

/** The label of a branch case: "if …", shortened to MAX_CONDITION_WORDS characters. */
export function conditionLabel(condition: unknown, nodes: readonly unknown[], vocabulary: ConditionVocabulary): string {
  const text = vocabulary.when(words(condition, nodes.filter(isObj), vocabulary, 0));
  return text.length > MAX_CONDITION_WORDS ? `${text.slice(0, MAX_CONDITION_WORDS - 1).trimEnd()}…` : text;
}

/** English words, for callers without an interface language (tests, the CLI). */
export const ENGLISH_CONDITION_WORDS: ConditionVocabulary = {
  isTrue: (name) => name,
  isFalse: (name) => `not ${name}`,
  compare: (name, op, value) => `${name} ${{ eq: "is", ne: "is not", lt: "<", lte: "≤", gt: ">", gte: "≥" }[op]} ${value}`,
  visited: (title) => `after “${title}”`,
  chose: (option) => `chose “${option}”`,
  timedOut: (decision) => `time ran out on “${decision}”`,
  all: (parts) => parts.join(" and "),
  any: (parts) => parts.join(" or "),
  not: (part) => `not (${part})`,
  when: (text) => `if ${text}`,
  unknown: "a condition",
};
