// Which passwords may be set (NIST SP 800-63B 5.1.1.2): at least PASSWORD_MIN_LENGTH
// characters, no composition rules, and none that is common, breached or built from the
// account's own details. zxcvbn-ts matches against its lists of common and leaked passwords,
// words, keyboard patterns and dates, and estimates the guesses needed; under 10^8
// (score < 3) is refused.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

/** Why `password` may not be used, or null when it may. `context`: the account's e-mail, name, and the product's name. */
export function passwordProblem(password: string, context: readonly (string | null | undefined)[] = []): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  const inputs = ["readyroom", ...context.flatMap((c) => (c ? [c, ...c.split(/[@.\s_+-]+/)] : []))].filter((w) => w.length >= 3);
  // zxcvbn's cost grows with length; past 100 characters a password is not guessable anyway.
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const listed = result.sequence.some((m) => m.pattern === "dictionary" && String((m as { dictionaryName?: string }).dictionaryName ?? "").startsWith("passwords"));
  const own = result.sequence.some((m) => (m as { dictionaryName?: string }).dictionaryName === "userInputs");
  if (own) return "is too easy to guess: it is built from the account's own name or e-mail; choose a longer passphrase";
  if (listed) return "is a common or breached password; choose a longer passphrase of unrelated words";
  return "is too easy to guess; choose a longer passphrase of unrelated words";
}
