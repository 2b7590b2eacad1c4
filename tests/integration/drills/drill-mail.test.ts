// Drills wired to e-mail, against the real server (SMTP_URL pointing at a real SMTP server in
// this process) and its database: creating a drill for three people e-mails three
// invitations in each person's language with a personal link that plays; "Send a reminder
// now" reaches only those who have not finished, with the same working link; closing early
// sends the closing note to the one who finished, with a link to their own result; nothing
// arrives twice; a refused address shows on the drill page with its reason; the scheduled
// check sends the automatic reminder once per deadline and the closing note after the deadline
// (and after an extended one, to those who finished since).
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queueDueDrillMail } from "@/lib/drills/mail";
import { parseMailEnv } from "@/lib/mail/config";
import { ROOT, startApp, type RunningApp } from "../../helpers/app";
import { appDatabase } from "../../helpers/app-db";
import { api, importFixture, loginFacilitator } from "../../helpers/live";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "../../helpers/smtp";

const FIXTURE = path.join(ROOT, "tests/fixtures/scenarios/drill-solo.json");
const HOUR = 3_600_000;
const LINK = /https?:\/\/[^\s"<>]+\/drill\/([A-Za-z0-9_-]{32})/;

describe("drills and e-mail", () => {
  let smtp: TestSmtp;
  let app: RunningApp;
  let prisma: PrismaClient;
  let facilitator: string;
  let scenarioId: string;

  const MAIL_ENV = { MAIL_FROM: "Readyroom <drills@rr.test>", MAIL_RATE_PER_SECOND: "50", MAIL_RETRY_BASE_MS: "200", MAIL_MAX_ATTEMPTS: "2" };

  beforeAll(async () => {
    smtp = await startTestSmtp({ parse: true, refuseRecipient: (a) => (a.endsWith("@bounce.test") ? { code: 550, message: "5.1.1 no such mailbox here" } : null) });
    app = await startApp({ env: { SMTP_URL: smtp.url, ...MAIL_ENV } });
    prisma = appDatabase(app);
    facilitator = await loginFacilitator(app);
    scenarioId = await importFixture(app, facilitator, FIXTURE);
  }, 180_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await app?.stop();
    await smtp?.close();
  });

  async function play(token: string, body?: unknown) {
    const res = await fetch(`${app.url}/api/drill/${token}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }
  // No automatic reminder unless a test asks: the server's own scheduled check must not add messages mid-test.
  const create = (extra: Record<string, unknown>) =>
    api(app, facilitator, "POST", "/api/drills", { scenarioId, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString(), reminderDays: 0, ...extra });
  const to = (address: string) => smtp.received.filter((m) => m.to === address);
  const subject = (m: ReceivedMail) => m.parsed!.subject ?? "";
  function linkIn(m: ReceivedMail): { url: string; token: string } {
    const found = LINK.exec(m.parsed!.text ?? "");
    expect(found, `a personal link in the text part of "${subject(m)}"`).not.toBeNull();
    return { url: found![0], token: found![1] };
  }

  it("invites by e-mail, reminds the unfinished, sends the closing note to the finished, each once", { timeout: 180_000 }, async () => {
    const created = await create({
      title: "Phishing week",
      invitees: [
        { email: "ana@example.org", name: "Ana", locale: "en" },
        { email: "bo@example.org", name: "Bo", locale: "pl" },
        { email: "cy@example.org", locale: "en" },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.mail).toEqual({ configured: true, invitationsQueued: 3 });
    const sessionId: string = created.body.id;

    // Three invitations, one per person, in their language, with the .ics deadline.
    await smtp.waitFor(3, 60_000);
    expect(smtp.received.map((m) => m.to).sort()).toEqual(["ana@example.org", "bo@example.org", "cy@example.org"]);
    const [ana, bo, cy] = ["ana@example.org", "bo@example.org", "cy@example.org"].map((a) => to(a)[0]);
    expect(subject(ana)).toBe('You are invited to the drill "Phishing week"');
    expect(subject(bo)).toBe("Zaproszenie do ćwiczenia „Phishing week”");
    expect(ana.parsed!.html).toContain("/drill/");
    expect(ana.parsed!.attachments.map((a) => a.filename)).toEqual(["deadline.ics"]);
    const links = { ana: linkIn(ana), bo: linkIn(bo), cy: linkIn(cy) };
    // Each e-mailed link is the one the facilitator was shown, once.
    for (const [who, l] of Object.entries(links)) expect(created.body.links.find((x: { email: string }) => x.email.startsWith(who)).link).toBe(l.url);

    // Follow Ana's e-mailed link over HTTP: the page answers, and she plays to the end.
    const page = await fetch(links.ana.url);
    expect(page.status).toBe(200);
    expect((await play(links.ana.token)).body.stage).toBe("welcome");
    await play(links.ana.token, { type: "start" });
    await play(links.ana.token, { type: "advance", nodeId: "alert", visit: 1 });
    await play(links.ana.token, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "wait", confidence: 4 });
    await play(links.ana.token, { type: "advance", nodeId: "update", visit: 1 });
    const done = await play(links.ana.token, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "yes", confidence: 5, reasoning: "The clock started when we became aware." });
    expect(done.body.stage).toBe("result");
    // Bo starts and stops; Cy never opens the link.
    await play(links.bo.token, { type: "start" });

    // "Send a reminder now": only Bo and Cy, each with the link that still works.
    const reminded = await api(app, facilitator, "POST", `/api/drills/${sessionId}/remind`);
    expect(reminded.status).toBe(200);
    expect(reminded.body).toEqual({ queued: 2 });
    await smtp.waitFor(5, 60_000);
    const reminders = smtp.received.slice(3);
    expect(reminders.map((m) => m.to).sort()).toEqual(["bo@example.org", "cy@example.org"]);
    const boReminder = reminders.find((m) => m.to === "bo@example.org")!;
    expect(subject(boReminder)).toBe("Przypomnienie: ćwiczenie „Phishing week” wkrótce się zamyka");
    expect(linkIn(boReminder).token).toBe(links.bo.token);
    const resumed = await play(linkIn(boReminder).token);
    expect(resumed.body.step).toMatchObject({ kind: "inject", nodeId: "alert" });
    expect(linkIn(reminders.find((m) => m.to === "cy@example.org")!).token).toBe(links.cy.token);

    // Close early: the closing note goes to Ana only, with a link to her own result.
    expect((await api(app, facilitator, "POST", `/api/drills/${sessionId}/close`)).status).toBe(200);
    await smtp.waitFor(6, 60_000);
    const closing = smtp.received[5];
    expect(closing.to).toBe("ana@example.org");
    expect(subject(closing)).toBe('The drill "Phishing week" has closed: your result');
    // Her own result in words, scored from her answers (wait at 4, notify at 5), in both parts.
    const herResult = "readiness 50%; 1 of 2 decisions matched the best option; you were more confident than your results (overconfident); 1 choice was confidently wrong.";
    expect(closing.parsed!.text).toContain(`Your result: ${herResult}`);
    expect(closing.parsed!.html).toContain("readiness 50%; 1 of 2 decisions matched the best option");
    const result = await play(linkIn(closing).token);
    expect(result.status).toBe(200);
    expect(result.body.stage).toBe("result");
    expect(result.body.result.finished).toBe(true);
    expect(result.body.result.decisions.map((d: { nodeId: string; chosen: { id: string } }) => [d.nodeId, d.chosen.id])).toEqual([["contain", "wait"], ["notify", "yes"]]);
    // Her sealed token is gone once her closing note is queued; the unfinished keep theirs.
    const rows = await prisma.drillInvitation.findMany({ where: { sessionId }, orderBy: { email: "asc" } });
    expect(rows.map((r) => r.tokenSealed === null)).toEqual([true, false, false]);
    expect(JSON.stringify(rows)).not.toContain(links.bo.token);

    // A reminder after closing is refused; closing again queues nothing more.
    expect((await api(app, facilitator, "POST", `/api/drills/${sessionId}/remind`)).body.error.code).toBe("DRILL_CLOSED");
    expect((await api(app, facilitator, "POST", `/api/drills/${sessionId}/close`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received).toHaveLength(6);
    expect([...smtp.countsById().values()].every((n) => n === 1)).toBe(true);

    // The drill page's figures: six messages sent, no problems.
    const progress = await api(app, facilitator, "GET", `/api/drills/${sessionId}`);
    expect(progress.body.delivery).toMatchObject({ configured: true, counts: { SENT: 6, FAILED: 0, BOUNCED: 0 }, problems: [] });
  });

  it("shows a refused address on the drill page with the server's reason", { timeout: 120_000 }, async () => {
    const created = await create({ invitees: [{ email: "gone@bounce.test" }, { email: "dee@example.org" }] });
    expect(created.status).toBe(201);
    const sessionId: string = created.body.id;
    let delivery: { counts: Record<string, number>; problems: Array<{ to: string; kind: string; status: string; reason: string }> } | undefined;
    for (let i = 0; i < 120; i++) {
      delivery = (await api(app, facilitator, "GET", `/api/drills/${sessionId}`)).body.delivery;
      if (delivery!.counts.SENT === 1 && delivery!.problems.length === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(delivery!.counts).toMatchObject({ SENT: 1, QUEUED: 0 });
    expect(delivery!.counts.BOUNCED + delivery!.counts.FAILED).toBe(1);
    expect(delivery!.problems).toEqual([expect.objectContaining({ to: "gone@bounce.test", kind: "drill-invitation", reason: expect.stringMatching(/^550 5\.1\.1 no such mailbox here/) })]);
  });

  it("the scheduled check: the automatic reminder once per deadline, the closing note after the deadline", { timeout: 120_000 }, async () => {
    const settings = parseMailEnv({ SMTP_URL: smtp.url, ...MAIL_ENV })!;
    const before = smtp.received.length;
    const created = await create({ title: "Auto week", reminderDays: 2, closesAt: new Date(Date.now() + 72 * HOUR).toISOString(), invitees: [{ email: "eve@example.org" }, { email: "fay@example.org", locale: "pl" }] });
    expect(created.status).toBe(201);
    const sessionId: string = created.body.id;
    const [eve, fay] = created.body.links.map((l: { link: string }) => l.link.split("/drill/")[1]);
    // Eve finishes; Fay does not start.
    await play(eve, { type: "start" });
    await play(eve, { type: "advance", nodeId: "alert", visit: 1 });
    await play(eve, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "wait", confidence: 2 });
    await play(eve, { type: "advance", nodeId: "update", visit: 1 });
    expect((await play(eve, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "no", confidence: 3, reasoning: "We had no proof that data left." })).body.stage).toBe("result");

    const outbox = (kind: string) => prisma.mailMessage.findMany({ where: { scope: `drill:${sessionId}`, kind } });
    // Three days out with a two-day lead: not due yet.
    const now = new Date();
    await queueDueDrillMail(prisma, settings, app.url, now);
    expect(await outbox("drill-reminder")).toHaveLength(0);
    // 36 hours before the deadline: one reminder, to Fay only; the next hourly runs add nothing.
    const inLead = new Date(now.getTime() + 36 * HOUR);
    await queueDueDrillMail(prisma, settings, app.url, inLead);
    await queueDueDrillMail(prisma, settings, app.url, new Date(inLead.getTime() + HOUR));
    const reminders = await outbox("drill-reminder");
    expect(reminders.map((m) => [m.toAddress, m.locale])).toEqual([["fay@example.org", "pl"]]);
    expect(JSON.stringify(reminders[0].vars)).toContain(`/drill/${fay}`);

    // After the deadline: the closing note to Eve, once.
    const after = new Date(now.getTime() + 73 * HOUR);
    await queueDueDrillMail(prisma, settings, app.url, after);
    await queueDueDrillMail(prisma, settings, app.url, new Date(after.getTime() + HOUR));
    const notes = await outbox("drill-closing");
    expect(notes.map((m) => m.toAddress)).toEqual(["eve@example.org"]);
    expect((notes[0].vars as { resultLink: string }).resultLink).toContain(`/drill/${eve}`);

    // The deadline is extended; Fay finishes since, and gets her closing note after the new deadline; Eve none again.
    expect((await api(app, facilitator, "PATCH", `/api/drills/${sessionId}`, { closesAt: new Date(now.getTime() + 100 * HOUR).toISOString() })).status).toBe(200);
    await play(fay, { type: "start" });
    await play(fay, { type: "advance", nodeId: "alert", visit: 1 });
    await play(fay, { type: "answer", nodeId: "contain", visit: 1, key: crypto.randomUUID(), optionId: "wait", confidence: 2 });
    await play(fay, { type: "advance", nodeId: "update", visit: 1 });
    await play(fay, { type: "answer", nodeId: "notify", visit: 1, key: crypto.randomUUID(), optionId: "yes", confidence: 4, reasoning: "The clock started when we became aware." });
    await queueDueDrillMail(prisma, settings, app.url, new Date(now.getTime() + 101 * HOUR));
    expect((await outbox("drill-closing")).map((m) => m.toAddress).sort()).toEqual(["eve@example.org", "fay@example.org"]);

    // The running app's worker sends the five messages (2 invitations, 1 reminder, 2 notes), each once.
    await smtp.waitFor(before + 5, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const mine = smtp.received.slice(before);
    expect(mine.map((m) => m.to).sort()).toEqual(["eve@example.org", "eve@example.org", "fay@example.org", "fay@example.org", "fay@example.org"]);
    // Each closing note carries that person's own result, in their language.
    const note = (address: string) => mine.find((m) => m.to === address && /has closed|zostało zamknięte/.test(subject(m)))!;
    expect(note("eve@example.org").parsed!.text).toContain("readiness 0%; 0 of 2 decisions matched the best option; you were more confident than your results (overconfident).");
    expect(note("fay@example.org").parsed!.text).toContain("gotowość 50%; 1 z 2 decyzji zgodnych z najlepszą opcją");
    expect([...smtp.countsById().values()].every((n) => n === 1)).toBe(true);
  });
});
