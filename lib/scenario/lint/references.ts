// Reference checks over the raw value (best effort when the schema failed): duplicate ids,
// dangling references, type mismatches of conditions and effects, unused declarations and
// empty texts. The edges it collects feed the graph checks.
import { splitChoseTarget, valueType } from "../conditions";
import { ID_PATTERN, TEAM_VOTE, TIMEOUT_CHOICE, type TVariableType } from "../schema";
import { checkGraph } from "./graph";
import { finding, toPointer, type Finding, type Path } from "./rules";
import {
  declare,
  describeValue,
  didYouMean,
  isObj,
  isPrimitive,
  knownList,
  listOf,
  ORDERING_OPS,
  stringOf,
  type Declared,
} from "./util";

export function checkReferences(root: unknown, brokenNodes: ReadonlySet<number>, out: Finding[]) {
  if (!isObj(root)) return;
  const nodes = listOf(root.nodes);
  const nodeIndex = declare(root.nodes, ["nodes"], "node", "nodes", out);
  const capabilities = declare(root.capabilities, ["capabilities"], "capability", "capabilities", out);
  const roles = declare(root.roles, ["roles"], "role", "roles", out);
  const training = declare(root.training, ["training"], "training topic", "training topics", out);
  declare(root.objectives, ["objectives"], "objective", "objectives", out);

  const variables = new Map<string, TVariableType | undefined>();
  if (isObj(root.variables)) {
    for (const [name, declaration] of Object.entries(root.variables)) {
      const type = isObj(declaration) ? declaration.type : undefined;
      variables.set(name, type === "boolean" || type === "number" || type === "string" ? type : undefined);
    }
  }

  const used = { variables: new Set<string>(), roles: new Set<string>(), capabilities: new Set<string>(), training: new Set<string>() };
  const questionIds = new Map<string, Path>();

  const ref = (id: unknown, declared: Declared, path: Path, lead: string, where: string): number | undefined => {
    // A malformed id is already a SCHEMA finding; do not report it twice.
    if (typeof id !== "string" || !ID_PATTERN.test(id)) return undefined;
    const index = declared.ids.get(id);
    if (index !== undefined) return index;
    const known = declared.ids.size
      ? `known ${declared.plural}: ${knownList(declared.ids.keys())}`
      : `no ${declared.plural} are declared; add one under "${where}"`;
    out.push(finding("DANGLING_REF", path, `${lead} ${declared.kind} "${id}", which does not exist; ${didYouMean(id, declared.ids.keys())}${known}`));
    return undefined;
  };
  const roleRef = (id: unknown, path: Path, lead: string) => {
    if (typeof id !== "string") return;
    used.roles.add(id);
    ref(id, roles, path, lead, "roles");
  };
  const variableRef = (name: string, path: Path, lead: string): TVariableType | undefined => {
    used.variables.add(name);
    if (variables.has(name)) return variables.get(name);
    const known = variables.size
      ? `declared variables: ${knownList(variables.keys())}`
      : `no variables are declared; add it under "variables" with a type and default`;
    out.push(finding("DANGLING_REF", path, `${lead} variable "${name}", which is not declared; ${didYouMean(name, variables.keys())}${known}`));
    return undefined;
  };

  const checkCondition = (condition: unknown, path: Path) => {
    if (!isObj(condition)) return;
    listOf(condition.all).forEach((inner, i) => checkCondition(inner, [...path, "all", i]));
    listOf(condition.any).forEach((inner, i) => checkCondition(inner, [...path, "any", i]));
    if ("not" in condition) checkCondition(condition.not, [...path, "not"]);
    if (typeof condition.var === "string") {
      const type = variableRef(condition.var, [...path, "var"], "condition reads");
      const compared = condition.value;
      if (type && isPrimitive(compared) && valueType(compared) !== type) {
        out.push(
          finding(
            "TYPE_MISMATCH",
            [...path, "value"],
            `variable "${condition.var}" is a ${type} but this condition compares it with ${describeValue(compared)}; use a ${type} value`,
          ),
        );
      }
      if (type && type !== "number" && typeof condition.op === "string" && ORDERING_OPS.has(condition.op)) {
        out.push(
          finding(
            "TYPE_MISMATCH",
            [...path, "op"],
            `"${condition.op}" compares numbers but variable "${condition.var}" is a ${type}; use "eq" or "ne"`,
          ),
        );
      }
    }
    if (typeof condition.visited === "string") {
      ref(condition.visited, nodeIndex, [...path, "visited"], "condition checks whether a visit happened to", "nodes");
    }
    if (typeof condition.chose === "string") checkChose(condition.chose, [...path, "chose"]);
  };

  const checkChose = (target: string, path: Path) => {
    const splits = splitChoseTarget(target);
    const problems: string[] = [];
    for (const { decisionId, optionId } of splits) {
      const index = nodeIndex.ids.get(decisionId);
      if (index === undefined) continue;
      const node = nodes[index];
      if (!isObj(node) || node.type !== "decision") {
        problems.push(`node "${decisionId}" is ${isObj(node) ? `a ${String(node.type)} node` : "not a node"}, not a decision`);
        continue;
      }
      if (optionId === TIMEOUT_CHOICE) {
        if ("onTimeout" in node) return;
        problems.push(`decision "${decisionId}" has no onTimeout, so "${TIMEOUT_CHOICE}" can never be chosen`);
        continue;
      }
      const optionIds = listOf(node.options).flatMap((option) => (isObj(option) && typeof option.id === "string" ? [option.id] : []));
      if (optionIds.includes(optionId)) return;
      problems.push(
        `decision "${decisionId}" has no option "${optionId}"; ${didYouMean(optionId, optionIds)}its options: ${knownList(optionIds)}`,
      );
    }
    if (problems.length === 0) {
      const decisions = nodes.flatMap((node) => (isObj(node) && node.type === "decision" && typeof node.id === "string" ? [node.id] : []));
      const lead = splits[0]?.decisionId ?? target;
      problems.push(
        `no decision "${lead}" exists; ${didYouMean(lead, decisions)}${decisions.length ? `known decisions: ${knownList(decisions)}` : "there are no decision nodes"}`,
      );
    }
    out.push(finding("DANGLING_REF", path, `condition checks choice "${target}": ${problems.join("; ")}`));
  };

  const checkEffects = (effects: unknown, path: Path) => {
    listOf(effects).forEach((effect, i) => {
      if (!isObj(effect)) return;
      const at: Path = [...path, i];
      if (typeof effect.set === "string") {
        const type = variableRef(effect.set, [...at, "set"], "effect sets");
        if (type && isPrimitive(effect.value) && valueType(effect.value) !== type) {
          out.push(
            finding(
              "TYPE_MISMATCH",
              [...at, "value"],
              `variable "${effect.set}" is a ${type} but this effect sets it to ${describeValue(effect.value)}; use a ${type} value`,
            ),
          );
        }
      }
      if (typeof effect.add === "string") {
        const type = variableRef(effect.add, [...at, "add"], "effect adds to");
        if (type && type !== "number") {
          out.push(
            finding(
              "TYPE_MISMATCH",
              [...at, "add"],
              `"add" only works on number variables but "${effect.add}" is a ${type}; use "set" instead`,
            ),
          );
        }
      }
    });
  };

  const checkScore = (score: unknown, path: Path, lead: string) => {
    if (!isObj(score)) return;
    for (const capability of Object.keys(score)) {
      used.capabilities.add(capability);
      ref(capability, capabilities, [...path, capability], `${lead} scores`, "capabilities");
    }
  };

  // Edges for the graph checks; `dangling` marks nodes whose own targets are broken.
  const edges: number[][] = nodes.map(() => []);
  const dangling = new Set<number>();
  const edge = (from: number, target: unknown, path: Path, lead: string) => {
    if (typeof target !== "string") return;
    const to = ref(target, nodeIndex, path, lead, "nodes");
    if (to === undefined) dangling.add(from);
    else edges[from].push(to);
  };

  // Fields are checked wherever they appear rather than by node type, so a node whose
  // `type` is misspelt still gets its references checked (and its roles marked as used).
  nodes.forEach((node, index) => {
    if (!isObj(node)) return;
    const at: Path = ["nodes", index];
    const name = `${typeof node.type === "string" ? node.type : "node"} "${String(node.id ?? index)}"`;

    edge(index, node.next, [...at, "next"], `${name} continues to`);
    listOf(node.audience).forEach((role, i) => roleRef(role, [...at, "audience", i], `audience of ${name} names`));
    listOf(node.questions).forEach((question, q) => {
      if (!isObj(question)) return;
      const id = stringOf(question.id);
      if (id !== undefined) {
        const first = questionIds.get(id);
        if (first) {
          out.push(
            finding(
              "DUPLICATE_ID",
              [...at, "questions", q, "id"],
              `question id "${id}" is already used by ${toPointer(first)}; question ids must be unique in the scenario, so rename one`,
            ),
          );
        } else {
          questionIds.set(id, [...at, "questions", q]);
        }
      }
      listOf(question.roles).forEach((role, r) =>
        roleRef(role, [...at, "questions", q, "roles", r], `question "${id ?? q}" of ${name} asks`),
      );
    });

    if (typeof node.decidedBy === "string" && node.decidedBy !== TEAM_VOTE) {
      roleRef(node.decidedBy, [...at, "decidedBy"], `decidedBy of ${name} (use "${TEAM_VOTE}" or a declared role) names`);
    }
    // Owners and consulted roles count as addressed; lint/clocks.ts reports undeclared ones (UNDECLARED_OWNER).
    for (const role of [...listOf(node.owner), ...listOf(node.consult)]) if (typeof role === "string") used.roles.add(role);
    const options = listOf(node.options);
    declare(options, [...at, "options"], "option", "options", out);
    options.forEach((option, o) => {
      if (!isObj(option)) return;
      const optionAt: Path = [...at, "options", o];
      const optionName = `option "${String(option.id ?? o)}" of ${name}`;
      edge(index, option.next, [...optionAt, "next"], `${optionName} leads to`);
      if ("when" in option) checkCondition(option.when, [...optionAt, "when"]);
      checkEffects(option.effects, [...optionAt, "effects"]);
      checkScore(option.score, [...optionAt, "score"], optionName);
      listOf(option.training).forEach((id, t) => {
        if (typeof id !== "string") return;
        used.training.add(id);
        ref(id, training, [...optionAt, "training", t], `${optionName} links`, "training");
      });
    });
    const onTimeout = node.onTimeout;
    if (isObj(onTimeout)) {
      edge(index, onTimeout.next, [...at, "onTimeout", "next"], `onTimeout of ${name} leads to`);
      checkEffects(onTimeout.effects, [...at, "onTimeout", "effects"]);
      checkScore(onTimeout.score, [...at, "onTimeout", "score"], `onTimeout of ${name}`);
    }
    if (node.type === "decision" && options.length > 0) {
      if (!options.some((option) => isObj(option) && isObj(option.score) && Object.keys(option.score).length > 0)) {
        const example = capabilities.ids.keys().next().value ?? "RS";
        out.push(
          finding(
            "UNSCORED_DECISION",
            at,
            `no option of ${name} carries a score; add e.g. "score": {"${example}": 2} to the options so readiness can be measured`,
          ),
        );
      }
      if (options.every((option) => isObj(option) && "when" in option) && !("onTimeout" in node)) {
        out.push(
          finding(
            "NO_FALLBACK",
            [...at, "options"],
            `every option of ${name} has a "when" condition and there is no onTimeout, so the team may have nothing to choose; drop "when" from one option or add onTimeout`,
          ),
        );
      }
    }

    listOf(node.cases).forEach((branchCase, c) => {
      if (!isObj(branchCase)) return;
      if ("when" in branchCase) checkCondition(branchCase.when, [...at, "cases", c, "when"]);
      edge(index, branchCase.next, [...at, "cases", c, "next"], `case ${c} of ${name} leads to`);
    });
    edge(index, node.else, [...at, "else"], `else of ${name} leads to`);

    emptyText(node.body, [...at, "body"], `${name} has an empty body; write what the team receives`);
    emptyText(node.prompt, [...at, "prompt"], `${name} has an empty prompt; write the question the team must decide`);
    emptyText(node.debrief, [...at, "debrief"], `${name} has an empty debrief; explain what went well and what to improve`);
  });

  listOf(root.objectives).forEach((objective, o) => {
    if (!isObj(objective)) return;
    listOf(objective.capabilities).forEach((id, c) =>
      ref(id, capabilities, ["objectives", o, "capabilities", c], `objective "${String(objective.id ?? o)}" names`, "capabilities"),
    );
  });

  checkGraph(root, nodes, nodeIndex, edges, dangling, brokenNodes, out);

  for (const task of listOf(root.tasks)) if (isObj(task) && typeof task.submitter === "string") used.roles.add(task.submitter);
  // Without a node list every declaration would look unused; the SCHEMA finding says enough.
  if (!Array.isArray(root.nodes)) return;
  for (const name of variables.keys()) {
    if (!used.variables.has(name)) {
      out.push(finding("UNUSED", ["variables", name], `variable "${name}" is never read or written; use it in a condition or effect, or remove it`));
    }
  }
  const unused = (declared: Declared, section: string, usedIds: Set<string>, advice: string) => {
    for (const [id, index] of declared.ids) {
      if (!usedIds.has(id)) out.push(finding("UNUSED", [section, index], `${declared.kind} "${id}" ${advice}`));
    }
  };
  unused(roles, "roles", used.roles, "is never used in an audience, question, decidedBy, owner, consult or submitter; address it somewhere or remove it");
  unused(capabilities, "capabilities", used.capabilities, "is never scored; add it to an option's or onTimeout's score, or remove it");
  unused(training, "training", used.training, "is not linked from any option; add it to an option's training list, or remove it");

  function emptyText(value: unknown, path: Path, message: string) {
    if (typeof value === "string" && value.trim() === "") out.push(finding("EMPTY_TEXT", path, message));
  }
}

