// The templates: each kind in both languages, every value escaped in HTML, the link in
// both parts, and the deadline calendar on the drill messages only.
import { describe, expect, it } from "vitest";
import { renderMail, formatInstant, type MailToRender } from "@/lib/mail/templates/render";
import { classifySmtpError, backoffMs, failureOf } from "@/lib/mail/worker";
import { readableReason, smtpReason } from "@/lib/mail/smtp-reason";

const drill = {
  drillTitle: `Phishing <script>alert("x")</script> & "friends"`,
  organiser: "Anna O'Brien",
  link: "https://rr.example.com/drills/play?t=abc&x=<1>",
  opensAt: "2026-12-03T09:00:00Z",
  deadline: "2026-12-10T17:00:00Z",
};

function mail(kind: MailToRender["kind"], locale: "en" | "pl", vars: unknown): MailToRender {
  return { kind, locale, vars, toAddress: "ola@example.com", scope: "drill:d1", dedupeKey: `k-${kind}`, createdAt: new Date("2026-12-03T10:00:00Z") };
}

describe("mail templates", () => {
  it("escapes every value in the HTML part and keeps the plain text literal", () => {
    const r = renderMail(mail("drill-invitation", "en", drill), "rr.example.com");
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain("Phishing &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;friends&quot;");
    expect(r.html).toContain('href="https://rr.example.com/drills/play?t=abc&amp;x=&lt;1&gt;"');
    expect(r.html).toContain("Anna O&#39;Brien");
    expect(r.text).toContain(drill.drillTitle);
    expect(r.text).toContain(drill.link);
    expect(r.subject).toBe(`You are invited to the drill "${drill.drillTitle}"`);
  });

  it("speaks the recipient's language", () => {
    const en = renderMail(mail("drill-reminder", "en", drill), "rr.example.com");
    const pl = renderMail(mail("drill-reminder", "pl", drill), "rr.example.com");
    expect(en.subject).toMatch(/^Reminder:/);
    expect(pl.subject).toMatch(/^Przypomnienie:/);
    expect(pl.text).toContain(formatInstant(drill.deadline, "pl"));
    expect(formatInstant(drill.deadline, "pl")).toBe("10 grudnia 2026 17:00 UTC");
    expect(formatInstant(drill.deadline, "en")).toBe("10 December 2026 at 17:00 UTC");
    expect(pl.html).toContain('lang="pl"');
  });

  it("gives the closing note the result and its link, and every drill message the deadline calendar", () => {
    const r = renderMail(mail("drill-closing", "en", { ...drill, resultSummary: "Readiness 78%", resultLink: "https://rr.example.com/r/1" }), "rr.example.com");
    expect(r.text).toContain("Readiness 78%");
    expect(r.text).toContain("https://rr.example.com/r/1");
    expect(r.attachments).toHaveLength(1);
    expect(r.attachments[0].filename).toBe("deadline.ics");
    expect(r.attachments[0].content).toContain("DTEND:20261210T170000Z\r\n");
  });

  it("lists the overdue items in the digest with a plural subject per language", () => {
    const items = [1, 2, 3].map((i) => ({ title: `Fix <${i}>`, due: `2026-11-0${i}`, link: `https://rr.example.com/improvements?overdue=1#item-${i}` }));
    const vars = { ownerName: "Jan", ledgerLink: "https://rr.example.com/improvements?overdue=1", items };
    const en = renderMail(mail("improvement-digest", "en", vars), "rr.example.com");
    const pl = renderMail(mail("improvement-digest", "pl", vars), "rr.example.com");
    expect(en.subject).toBe("3 improvement items are overdue");
    expect(pl.subject).toBe("3 działania doskonalące są po terminie");
    expect(renderMail(mail("improvement-digest", "en", { ...vars, items: items.slice(0, 1) }), "x").subject).toBe("1 improvement item is overdue");
    expect(en.html).toContain("Fix &lt;2&gt;");
    expect(en.text).toContain("- Fix <2> (due 2026-11-02)");
    expect(en.attachments).toEqual([]);
  });
});

describe("delivery outcomes", () => {
  it("doubles the wait after each failed attempt, up to six hours", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, 60_000)).toBe(6 * 3600_000);
  });

  it("retries 4xx and network errors, bounces a refused recipient, fails other 5xx", () => {
    expect(classifySmtpError({ responseCode: 451, command: "DATA", response: "451 try later" }).status).toBe("RETRY");
    expect(classifySmtpError({ code: "ECONNECTION", message: "connect ECONNREFUSED" })).toEqual({ status: "RETRY", reason: "ECONNECTION: connect ECONNREFUSED" });
    expect(classifySmtpError({ responseCode: 550, command: "RCPT TO", response: "550 no such user" })).toEqual({ status: "BOUNCED", reason: "550 no such user" });
    expect(classifySmtpError({ responseCode: 554, command: "DATA", response: "554 rejected as spam" }).status).toBe("FAILED");
  });

  it("names the SMTP code of a bounce once, and shows rows stored with it twice once", () => {
    // nodemailer's `response` is the whole reply line, code included.
    expect(classifySmtpError({ responseCode: 550, command: "RCPT TO", response: "550 5.1.1 <x@example.test>: Recipient address rejected" })).toEqual({ status: "BOUNCED", reason: "550 5.1.1 <x@example.test>: Recipient address rejected" });
    expect(smtpReason(550, "mailbox unavailable")).toBe("550 mailbox unavailable");
    expect(smtpReason(550, "5500 odd reply")).toBe("550 5500 odd reply");
    expect(readableReason("550 550 5.1.1 no such user")).toBe("550 5.1.1 no such user");
    expect(readableReason("550 5.1.1 no such user")).toBe("550 5.1.1 no such user");
    expect(readableReason("ECONNECTION: refused")).toBe("ECONNECTION: refused");
  });

  it("never retries a message whose connection broke after it was handed over", () => {
    expect(classifySmtpError({ code: "ECONNRESET", message: "socket hang up" }, true).status).toBe("UNCONFIRMED");
    // A reply, even after the hand-over, is definite.
    expect(classifySmtpError({ responseCode: 451, command: "DATA", response: "451 later" }, true).status).toBe("RETRY");
  });

  it("queues a retry after the back-off, and gives up after the last attempt", () => {
    const now = new Date("2026-12-03T10:00:00Z");
    const settings = { maxAttempts: 3, retryBaseMs: 1000 };
    expect(failureOf({ status: "RETRY", reason: "451 later" }, 2, settings, now)).toEqual({ status: "QUEUED", reason: "451 later", nextAttemptAt: new Date("2026-12-03T10:00:02Z") });
    expect(failureOf({ status: "RETRY", reason: "451 later" }, 3, settings, now)).toMatchObject({ status: "FAILED", reason: "gave up after 3 attempts: 451 later" });
    expect(failureOf({ status: "BOUNCED", reason: "550 no" }, 1, settings, now).status).toBe("BOUNCED");
  });
});
