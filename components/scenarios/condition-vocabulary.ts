// The condition words (lib/scenario/condition-words.ts) in the interface language, from the
// "scenarioLanding.conditions" messages. Works with the server's and the client's translator.
import type { ConditionVocabulary } from "@/lib/scenario/condition-words";

type Translate = (key: string, values?: Record<string, string>) => string;

export function conditionVocabulary(t: Translate): ConditionVocabulary {
  return {
    isTrue: (name) => t("isTrue", { name }),
    isFalse: (name) => t("isFalse", { name }),
    compare: (name, op, value) => t(`compare.${op}`, { name, value }),
    visited: (title) => t("visited", { title }),
    chose: (option) => t("chose", { option }),
    timedOut: (decision) => t("timedOut", { decision }),
    all: (parts) => parts.join(` ${t("and")} `),
    any: (parts) => parts.join(` ${t("or")} `),
    not: (part) => t("not", { part }),
    when: (text) => t("when", { text }),
    unknown: t("unknown"),
  };
}
