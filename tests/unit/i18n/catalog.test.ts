// The message catalogue stays whole: every key exists in every language, every message
// parses as ICU, Polish plurals have their one/few/many forms, and every literal key the
// code asks for exists in the catalogue.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { MESSAGES } from "@/messages";
import { LOCALES } from "@/lib/i18n/config";

const ROOT = join(__dirname, "../../..");

function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else if (value && typeof value === "object") for (const [k, v] of flatten(value, path)) out.set(k, v);
    else throw new Error(`${path}: a message must be a string or an object of messages`);
  }
  return out;
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(MESSAGES[locale])])) as Record<(typeof LOCALES)[number], Map<string, string>>;

function pluralElements(elements: MessageFormatElement[]): Array<{ options: string[] }> {
  const found: Array<{ options: string[] }> = [];
  for (const element of elements) {
    if (element.type === TYPE.plural && element.pluralType !== "ordinal") found.push({ options: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) found.push(...pluralElements(option.value));
    if (element.type === TYPE.tag) found.push(...pluralElements(element.children));
  }
  return found;
}

function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && element.type !== TYPE.pound && "value" in element && typeof element.value === "string") into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      argumentNames(element.children, into);
    }
  }
  return into;
}

describe("message catalogue", () => {
  it("has the same keys in every language", () => {
    const [first, ...rest] = LOCALES;
    for (const other of rest) {
      const missingInOther = [...flat[first].keys()].filter((k) => !flat[other].has(k));
      const missingInFirst = [...flat[other].keys()].filter((k) => !flat[first].has(k));
      expect(missingInOther, `keys in ${first} but not in ${other}`).toEqual([]);
      expect(missingInFirst, `keys in ${other} but not in ${first}`).toEqual([]);
    }
  });

  it("parses every message as ICU, with the same arguments in every language", () => {
    const problems: string[] = [];
    for (const [key, en] of flat.en) {
      const args = new Map<string, Set<string>>();
      for (const locale of LOCALES) {
        const message = flat[locale].get(key);
        if (message === undefined) continue;
        try {
          args.set(locale, argumentNames(parse(message)));
        } catch (error) {
          problems.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
      const reference = args.get("en");
      for (const [locale, names] of args) {
        if (reference && [...reference].sort().join() !== [...names].sort().join())
          problems.push(`${locale} ${key}: arguments {${[...names].join(", ")}} differ from English {${[...reference].join(", ")}} ("${en}")`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("gives Polish plurals their one, few, many and other forms", () => {
    const problems: string[] = [];
    for (const [key, message] of flat.pl) {
      for (const plural of pluralElements(parse(message))) {
        const missing = ["one", "few", "many", "other"].filter((form) => !plural.options.includes(form));
        if (missing.length) problems.push(`pl ${key}: plural lacks ${missing.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has every literal key the code asks for", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    for (const dir of ["app", "components", "lib"]) walk(join(ROOT, dir));

    // const t = useTranslations("ns") / await getTranslations("ns") / getTranslations({ locale, namespace: "ns" }) / translatorFor(locale, "ns")
    const binding =
      /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations|translatorFor)\(\s*(?:"([^"]*)"|\{[^}]*?namespace:\s*"([^"]*)"[^}]*\}|[\w.]+\s*,\s*"([^"]*)")?\s*\)/g;
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(binding)) {
        const [, name, ns1, ns2, ns3] = match;
        const namespace = ns1 ?? ns2 ?? ns3 ?? "";
        const call = new RegExp(`\\b${name}(?:\\.rich|\\.markup|\\.raw|\\.has)?\\(\\s*"([^"]+)"`, "g");
        for (const use of source.matchAll(call)) {
          const key = namespace ? `${namespace}.${use[1]}` : use[1];
          checked++;
          for (const locale of LOCALES) if (!flat[locale].has(key)) missing.push(`${relative(ROOT, file)}: ${locale} lacks "${key}"`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
