// Polish counts take one of three forms (1 zespół, 2 zespoły, 5 zespołów; 22 zespoły but
// 12 zespołów), and masculine-personal nouns use the genitive from 2 on (2 uczestników,
// "dwóch uczestników"). Rendered through next-intl exactly as the interface does.
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";

const pl = createTranslator({ locale: "pl", messages: MESSAGES.pl as never }) as unknown as (key: string, values?: Record<string, unknown>) => string;
const en = createTranslator({ locale: "en", messages: MESSAGES.en as never }) as unknown as (key: string, values?: Record<string, unknown>) => string;
const COUNTS = [1, 2, 5, 12, 22, 25];
const render = (t: typeof pl, key: string, arg = "count") => COUNTS.map((n) => t(key, { [arg]: n }));

describe("Polish plurals", () => {
  it("counts people: 1 osoba, 2 osoby, 5 osób, 22 osoby", () => {
    expect(render(pl, "console.team.members")).toEqual(["1 osoba", "2 osoby", "5 osób", "12 osób", "22 osoby", "25 osób"]);
    expect(render(en, "console.team.members")).toEqual(["1 member", "2 members", "5 members", "12 members", "22 members", "25 members"]);
  });

  it("agrees the verb with the count: dołączyła, dołączyły, dołączyło", () => {
    expect(render(pl, "console.presentView.joined")).toEqual([
      "Dołączyła 1 osoba",
      "Dołączyły 2 osoby",
      "Dołączyło 5 osób",
      "Dołączyło 12 osób",
      "Dołączyły 22 osoby",
      "Dołączyło 25 osób",
    ]);
  });

  it("counts decisions and scenarios", () => {
    expect(render(pl, "sessions.decisions")).toEqual(["1 decyzja", "2 decyzje", "5 decyzji", "12 decyzji", "22 decyzje", "25 decyzji"]);
    expect(render(pl, "scenarios.count")).toEqual(["1 scenariusz", "2 scenariusze", "5 scenariuszy", "12 scenariuszy", "22 scenariusze", "25 scenariuszy"]);
    expect(render(en, "scenarios.count")).toEqual(["1 scenario", "2 scenarios", "5 scenarios", "12 scenarios", "22 scenarios", "25 scenarios"]);
  });

  it("puts the count after 'z' in the genitive: z 1 głosu, z 2 głosów", () => {
    const counted = COUNTS.map((n) => pl("console.tally.counted", { counted: 1, total: n, members: n }));
    expect(counted).toEqual([
      "Policzono 1 z 1 głosu · 1 osoba",
      "Policzono 1 z 2 głosów · 2 osoby",
      "Policzono 1 z 5 głosów · 5 osób",
      "Policzono 1 z 12 głosów · 12 osób",
      "Policzono 1 z 22 głosów · 22 osoby",
      "Policzono 1 z 25 głosów · 25 osób",
    ]);
    expect(COUNTS.map((n) => pl("console.tally.votes", { label: "A", count: n, share: "50%" }))).toEqual([
      "A: 1 głos (50%)",
      "A: 2 głosy (50%)",
      "A: 5 głosów (50%)",
      "A: 12 głosów (50%)",
      "A: 22 głosy (50%)",
      "A: 25 głosów (50%)",
    ]);
  });

  it("says how much time is left in words, for screen readers", () => {
    expect(pl("live.countdown.label", { minutes: 2, seconds: 5 })).toBe("Pozostało: 2 minuty 5 sekund");
    expect(pl("live.countdown.label", { minutes: 1, seconds: 22 })).toBe("Pozostało: 1 minuta 22 sekundy");
    expect(pl("live.countdown.label", { minutes: 0, seconds: 1 })).toBe("Pozostało: 1 sekunda");
    expect(pl("live.countdown.label", { minutes: 12, seconds: 12 })).toBe("Pozostało: 12 minut 12 sekund");
    expect(en("live.countdown.label", { minutes: 1, seconds: 1 })).toBe("1 minute 1 second left");
    expect(en("live.countdown.label", { minutes: 0, seconds: 30 })).toBe("30 seconds left");
  });

  it("counts lint findings with and without a separator", () => {
    expect(pl("scenarios.findings.badge", { errors: 2, warnings: 5, both: "yes" })).toBe("Walidacja: 2 błędy, 5 ostrzeżeń");
    expect(pl("scenarios.findings.badge", { errors: 0, warnings: 1, both: "no" })).toBe("Walidacja: 1 ostrzeżenie");
    expect(en("scenarios.findings.badge", { errors: 1, warnings: 0, both: "no" })).toBe("Lint: 1 error");
  });
});
