import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, requestHost } from "@/lib/http/client-address";
import { checkOrigin } from "@/lib/http/origin";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["TRUST_PROXY", "ALLOWED_ORIGINS", "READYROOM_PUBLIC_URL"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("clientAddress", () => {
  const headers = { "x-forwarded-for": "6.6.6.6, 10.0.0.1, 192.0.2.7", "x-readyroom-peer": "172.16.0.2" };
  it("takes the TCP peer when no proxy is trusted", () => {
    delete process.env.TRUST_PROXY;
    expect(clientAddress(headers)).toBe("172.16.0.2");
  });
  it("takes the right-most entry the trusted proxies did not add", () => {
    process.env.TRUST_PROXY = "1";
    expect(clientAddress(headers)).toBe("192.0.2.7");
    process.env.TRUST_PROXY = "true";
    expect(clientAddress(new Headers(headers))).toBe("192.0.2.7");
    process.env.TRUST_PROXY = "2";
    expect(clientAddress(headers)).toBe("10.0.0.1");
    process.env.TRUST_PROXY = "9";
    expect(clientAddress(headers)).toBe("6.6.6.6");
    process.env.TRUST_PROXY = "1";
    expect(clientAddress({}, "198.51.100.1")).toBe("198.51.100.1");
  });
  it("believes X-Forwarded-Host only behind a trusted proxy", () => {
    const h = { host: "app:3000", "x-forwarded-host": "evil.example" };
    delete process.env.TRUST_PROXY;
    expect(requestHost(h)).toBe("app:3000");
    process.env.TRUST_PROXY = "1";
    expect(requestHost(h)).toBe("evil.example");
  });
});

describe("checkOrigin", () => {
  it("accepts PUBLIC_URL, ALLOWED_ORIGINS and the addressed host; refuses the rest without throwing", () => {
    process.env.READYROOM_PUBLIC_URL = "https://rr.example.com";
    process.env.ALLOWED_ORIGINS = "https://partner.example.com, http://localhost:8080";
    const h = { host: "localhost:3000" };
    for (const o of ["https://rr.example.com", "https://partner.example.com", "http://localhost:8080", "http://localhost:3000"]) expect(checkOrigin(o, h, true), o).toEqual({ ok: true });
    for (const o of ["http://localhost:3001", "https://rr.example.com.evil.io", "null", "::::", "file:///x", "javascript:alert(1)"]) expect(checkOrigin(o, h, true), o).toMatchObject({ ok: false, code: "CROSS_SITE_REQUEST" });
    expect(checkOrigin(undefined, h, true).ok).toBe(false);
    expect(checkOrigin(undefined, h, false).ok).toBe(true);
  });
});
