// Generated pseudonyms for anonymous participants: friendly, unlinkable, unique per session
// (a clash is retried by the caller), in the session's language. Polish adjectives agree in
// gender with their noun, so each Polish animal carries its gender and each adjective both forms.
import crypto from "node:crypto";

const ADJECTIVES = ["Amber", "Brisk", "Calm", "Clever", "Swift", "Quiet", "Bold", "Bright", "Gentle", "Keen", "Lucky", "Merry", "Nimble", "Proud", "Rapid", "Steady", "Sunny", "Wise", "Witty", "Zesty"];
const ANIMALS = ["Otter", "Falcon", "Badger", "Heron", "Lynx", "Marten", "Owl", "Panda", "Puffin", "Raven", "Robin", "Seal", "Stoat", "Swan", "Tiger", "Vole", "Walrus", "Wolf", "Wren", "Yak"];

export type PolishGender = "m" | "f";

/** Polish adjectives as [masculine, feminine]. */
export const POLISH_ADJECTIVES: ReadonlyArray<readonly [string, string]> = [
  ["Bystry", "Bystra"],
  ["Spokojny", "Spokojna"],
  ["Sprytny", "Sprytna"],
  ["Szybki", "Szybka"],
  ["Cichy", "Cicha"],
  ["Odważny", "Odważna"],
  ["Jasny", "Jasna"],
  ["Łagodny", "Łagodna"],
  ["Czujny", "Czujna"],
  ["Wesoły", "Wesoła"],
  ["Zwinny", "Zwinna"],
  ["Dumny", "Dumna"],
  ["Pogodny", "Pogodna"],
  ["Mądry", "Mądra"],
  ["Dowcipny", "Dowcipna"],
  ["Żwawy", "Żwawa"],
  ["Bursztynowy", "Bursztynowa"],
  ["Rezolutny", "Rezolutna"],
  ["Uważny", "Uważna"],
  ["Pracowity", "Pracowita"],
];

/** Polish animals with their grammatical gender. */
export const POLISH_ANIMALS: ReadonlyArray<readonly [string, PolishGender]> = [
  ["Wilk", "m"],
  ["Sokół", "m"],
  ["Borsuk", "m"],
  ["Ryś", "m"],
  ["Puchacz", "m"],
  ["Kruk", "m"],
  ["Łabędź", "m"],
  ["Tygrys", "m"],
  ["Jeż", "m"],
  ["Bóbr", "m"],
  ["Wydra", "f"],
  ["Czapla", "f"],
  ["Sowa", "f"],
  ["Foka", "f"],
  ["Kuna", "f"],
  ["Panda", "f"],
  ["Sroka", "f"],
  ["Wiewiórka", "f"],
  ["Łasica", "f"],
  ["Mewa", "f"],
];

/** A pseudonym such as "Swift Wolf 19", or "Szybka Wydra 19" in a Polish session. */
export function generatePseudonym(locale = "en"): string {
  const n = crypto.randomInt(10, 100);
  if (locale === "pl") {
    const [animal, gender] = POLISH_ANIMALS[crypto.randomInt(POLISH_ANIMALS.length)];
    const [masculine, feminine] = POLISH_ADJECTIVES[crypto.randomInt(POLISH_ADJECTIVES.length)];
    return `${gender === "m" ? masculine : feminine} ${animal} ${n}`;
  }
  return `${ADJECTIVES[crypto.randomInt(ADJECTIVES.length)]} ${ANIMALS[crypto.randomInt(ANIMALS.length)]} ${n}`;
}
