import { describe, expect, it } from "vitest";
import { joinBaseUrl, joinUrlOf } from "@/lib/session/join-link";

describe("join links", () => {
  it("use PUBLIC_URL when it is configured, whatever host the browser used", () => {
    expect(joinBaseUrl("https://drills.example.com/", "192.168.1.20:3000", "http://localhost:3000")).toBe("https://drills.example.com");
  });

  it("otherwise use the host the facilitator's browser used, so the printed link and the QR code agree", () => {
    const base = joinBaseUrl(undefined, "192.168.1.20:3000", "http://localhost:3000");
    expect(joinUrlOf(base, "ABCD-EFGH")).toBe("http://192.168.1.20:3000/join?code=ABCD-EFGH");
    expect(joinBaseUrl(undefined, "[::1]:3000", "http://localhost:3000")).toBe("http://[::1]:3000");
  });

  it("ignore a Host header that is not a plain host and port", () => {
    expect(joinBaseUrl(undefined, "evil.example/<script>", "http://localhost:3000")).toBe("http://localhost:3000");
    expect(joinBaseUrl(undefined, null, "http://localhost:3000/")).toBe("http://localhost:3000");
  });
});
