import { describe, expect, it } from "vitest";
import { lineOfOffset, pointerOffset } from "@/lib/studio/pointer-offset";

const doc = { id: "x", title: "", nodes: [{ id: "a", type: "inject", next: "b" }, { id: "b", type: "end", "we/ird": { "t~x": 1 } }] };
const text = JSON.stringify(doc, null, 2);
const lineOf = (pointer: string) => lineOfOffset(text, pointerOffset(text, pointer));
const lineContaining = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("pointerOffset", () => {
  it("finds the line of a member, an array element and an escaped key", () => {
    expect(lineOf("/title")).toBe(lineContaining('"title"'));
    expect(lineOf("/nodes/0/next")).toBe(lineContaining('"next"'));
    expect(lineOf("/nodes/1")).toBe(lineContaining('"id": "b"') - 1);
    expect(lineOf("/nodes/1/we~1ird/t~0x")).toBe(lineContaining('"t~x"'));
  });

  it("falls back to the deepest part that exists, and to the top for the whole document", () => {
    expect(lineOf("/nodes/0/missing")).toBe(lineOf("/nodes/0"));
    expect(pointerOffset(text, "")).toBe(0);
  });

  it("works on compact text and on text cut off halfway", () => {
    const compact = JSON.stringify(doc);
    expect(compact.slice(pointerOffset(compact, "/nodes/1/type"))).toMatch(/^"type"/);
    const cut = text.slice(0, text.indexOf('"type": "end"') + 3);
    expect(() => pointerOffset(cut, "/nodes/1/type")).not.toThrow();
  });
});
