// The deadline calendar: RFC 5545 line endings, folding, escaping and UTC times.
import { describe, expect, it } from "vitest";
import { buildCalendar, foldLine, icsText, icsUtc } from "@/lib/mail/templates/ics";

const event = {
  uid: "abc@example.com",
  sequence: 7,
  stamp: new Date("2026-12-03T10:00:00.123Z"),
  start: new Date("2026-12-10T16:30:00Z"),
  end: new Date("2026-12-10T17:00:00Z"),
  summary: "Deadline: Ransomware; phase 1, part \\2",
  description: "Zażółć gęślą jaźń ".repeat(10) + "\nsecond line",
  url: "https://rr.example.com/d/tok?x=1",
  alarmMinutesBefore: 1440,
};

describe("ics", () => {
  it("writes UTC times in the Z form", () => {
    expect(icsUtc(new Date("2026-12-10T17:00:00.999Z"))).toBe("20261210T170000Z");
  });

  it("escapes backslash, semicolon, comma and newlines in TEXT", () => {
    expect(icsText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });

  it("ends every line with CRLF, keeps lines within 75 octets and never splits a UTF-8 character", () => {
    const ics = buildCalendar(event);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const physical = ics.split("\r\n").slice(0, -1);
    for (const line of physical) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    // Unfolding (RFC 5545 3.1) gives back the whole description.
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain(`DESCRIPTION:${icsText(event.description)}\r\n`);
    expect(physical.some((l) => l.startsWith(" "))).toBe(true);
    expect(unfolded).not.toContain("\uFFFD");
  });

  it("describes one event at the deadline with its alarm", () => {
    const lines = buildCalendar(event).replace(/\r\n /g, "").split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("DTSTART:20261210T163000Z");
    expect(lines).toContain("DTEND:20261210T170000Z");
    expect(lines).toContain("DTSTAMP:20261203T100000Z");
    expect(lines).toContain("UID:abc@example.com");
    expect(lines).toContain("SEQUENCE:7");
    expect(lines).toContain("SUMMARY:Deadline: Ransomware\\; phase 1\\, part \\\\2");
    expect(lines).toContain("TRIGGER:-PT1440M");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("folds a long ASCII line into 75 + (1 + 74)-octet pieces", () => {
    const folded = foldLine("X".repeat(200));
    const parts = folded.split("\r\n");
    expect(parts.map((p) => p.length)).toEqual([75, 75, 52]);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
  });
});
