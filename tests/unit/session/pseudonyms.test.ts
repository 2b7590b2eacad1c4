import { describe, expect, it } from "vitest";
import { generatePseudonym, POLISH_ADJECTIVES, POLISH_ANIMALS } from "@/lib/session/pseudonyms";

describe("generatePseudonym", () => {
  it("makes English pseudonyms by default", () => {
    expect(generatePseudonym()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
  });

  it("makes Polish pseudonyms whose adjective agrees in gender with the animal", () => {
    const animals = new Map(POLISH_ANIMALS.map(([name, gender]) => [name, gender]));
    const forms = new Map(POLISH_ADJECTIVES.flatMap(([m, f]) => [[m, "m"], [f, "f"]] as const));
    for (let i = 0; i < 500; i++) {
      const name = generatePseudonym("pl");
      const [adjective, animal, number] = name.split(" ");
      expect(animals.has(animal), name).toBe(true);
      expect(forms.get(adjective), name).toBe(animals.get(animal));
      expect(Number(number)).toBeGreaterThanOrEqual(10);
    }
  });

  it("has Polish adjectives in the usual endings of each gender, and animals of both genders", () => {
    for (const [m, f] of POLISH_ADJECTIVES) {
      expect(m, m).toMatch(/[yi]$/);
      expect(f, f).toMatch(/a$/);
    }
    expect(new Set(POLISH_ANIMALS.map(([, g]) => g))).toEqual(new Set(["m", "f"]));
  });
});
