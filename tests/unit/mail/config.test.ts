// The mail settings: SMTP_URL off, valid, or refused with a message naming the variable.
import { describe, expect, it } from "vitest";
import { isMailConfigured, MailConfigError, parseMailEnv } from "@/lib/mail/config";

describe("mail settings", () => {
  it("is off without SMTP_URL (or with an empty one)", () => {
    expect(parseMailEnv({})).toBeNull();
    expect(parseMailEnv({ SMTP_URL: "  " })).toBeNull();
    expect(isMailConfigured({ SMTP_URL: "" })).toBe(false);
    expect(isMailConfigured({ SMTP_URL: "smtp://mail.example.com" })).toBe(true);
  });

  it("reads SMTP_URL with defaults for the sender, rate and retries", () => {
    const s = parseMailEnv({ SMTP_URL: "smtps://u:p@mail.example.com:465", PUBLIC_URL: "https://rr.example.org" });
    expect(s).toMatchObject({ smtpUrl: "smtps://u:p@mail.example.com:465", from: "Readyroom <readyroom@rr.example.org>", domain: "rr.example.org", ratePerSecond: 5, maxAttempts: 8 });
    expect(parseMailEnv({ SMTP_URL: "smtp://m", MAIL_FROM: "Drills <drills@corp.example>" })?.domain).toBe("corp.example");
  });

  it("refuses a bad SMTP_URL naming it, without quoting the value (it may hold a password)", () => {
    for (const bad of ["http://user:s3cret@mail.example.com", "user:s3cret@mail.example.com", "smtp://:s3cret@"]) {
      expect(() => parseMailEnv({ SMTP_URL: bad })).toThrow(MailConfigError);
      try {
        parseMailEnv({ SMTP_URL: bad });
      } catch (e) {
        expect((e as Error).message).toMatch(/^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
        expect((e as Error).message).not.toContain("s3cret");
      }
    }
  });

  it("names other bad settings", () => {
    expect(() => parseMailEnv({ SMTP_URL: "smtp://m", MAIL_RATE_PER_SECOND: "0" })).toThrow(/^MAIL_RATE_PER_SECOND must be above 0/);
    expect(() => parseMailEnv({ SMTP_URL: "smtp://m", MAIL_FROM: "not an address" })).toThrow(/^MAIL_FROM must be an address/);
  });
});
