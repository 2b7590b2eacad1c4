// Generated pseudonyms for anonymous participants: friendly, unlinkable, unique per session.
import crypto from "node:crypto";

const ADJECTIVES = ["Amber", "Brisk", "Calm", "Clever", "Swift", "Quiet", "Bold", "Bright", "Gentle", "Keen", "Lucky", "Merry", "Nimble", "Proud", "Rapid", "Steady", "Sunny", "Wise", "Witty", "Zesty"];
const ANIMALS = ["Otter", "Falcon", "Badger", "Heron", "Lynx", "Marten", "Owl", "Panda", "Puffin", "Raven", "Robin", "Seal", "Stoat", "Swan", "Tiger", "Vole", "Walrus", "Wolf", "Wren", "Yak"];

export function generatePseudonym(): string {
  const [a, b, n] = [crypto.randomInt(ADJECTIVES.length), crypto.randomInt(ANIMALS.length), crypto.randomInt(10, 100)];
  return `${ADJECTIVES[a]} ${ANIMALS[b]} ${n}`;
}
