// Renders one message of any kind in the recipient's language: subject, plain-text part,
// HTML part (every value escaped) and, for the drill messages, the deadline as an .ics
// attachment. Texts come from the message catalogue's "mail" namespace. Pure.
import crypto from "node:crypto";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { buildCalendar } from "./ics";
import { button, escapeHtml, htmlDocument, paragraph } from "./html";
import type { MailKind, MailVars } from "./vars";

export type RenderedMail = {
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; content: string; contentType: string }>;
};

/** What a message is rendered from (a row of the outbox). */
export type MailToRender = { kind: MailKind; locale: Locale; vars: unknown; toAddress: string; scope: string | null; dedupeKey: string; createdAt: Date };

// One translator and date format per language, made once: building them parses every message.
const translators = new Map<Locale, ReturnType<typeof translatorFor>>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function mailText(locale: Locale): ReturnType<typeof translatorFor> {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = translatorFor(locale, "mail")));
  return t;
}

/** Deadlines are shown in UTC: the recipient's time zone is not known. */
export function formatInstant(iso: string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })));
  return `${format.format(new Date(iso))} UTC`;
}

function sha(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex").slice(0, 32);
}

const DRILL_TEXT = { "drill-invitation": "invitation", "drill-reminder": "reminder", "drill-closing": "closing" } as const;
const SEQUENCE_EPOCH = Date.UTC(2026, 0, 1);

function renderDrill(mail: MailToRender, domain: string): RenderedMail {
  const kind = mail.kind as keyof typeof DRILL_TEXT;
  const v = mail.vars as MailVars<"drill-closing"> | MailVars<"drill-invitation">;
  const t = mailText(mail.locale);
  const section = DRILL_TEXT[kind];
  const deadline = formatInstant(v.deadline, mail.locale);
  const closing = "resultSummary" in v ? v : null;
  const subject = t(`${section}.subject`, { title: v.drillTitle });
  const body = t(`${section}.body`, { title: v.drillTitle, organiser: v.organiser, deadline, summary: closing?.resultSummary ?? "" });
  const actionLink = closing ? closing.resultLink : v.link;
  const lines = [t("opensLine", { opensAt: formatInstant(v.opensAt, mail.locale) }), t("deadlineLine", { deadline })];
  const footer = t("footer", { organiser: v.organiser });
  const text = [t(`${section}.heading`), "", body, "", ...lines, "", `${t(`${section}.action`)}: ${actionLink}`, "", "-- ", footer, ""].join("\n");
  const html = htmlDocument(mail.locale, subject, t(`${section}.heading`), [paragraph(body), paragraph(lines.join(" · ")), button(t(`${section}.action`), actionLink), `<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all">${escapeHtml(actionLink)}</p>`].join("\n"), footer);
  const end = new Date(v.deadline);
  // One event per drill and recipient: the invitation, reminders and closing note update it.
  const ics = buildCalendar({
    uid: `${sha(mail.scope ?? mail.dedupeKey)}-${sha(mail.toAddress.toLowerCase())}@${domain}`,
    sequence: Math.max(0, Math.floor((mail.createdAt.getTime() - SEQUENCE_EPOCH) / 1000)),
    stamp: mail.createdAt,
    start: new Date(end.getTime() - 30 * 60_000),
    end,
    summary: t("icsSummary", { title: v.drillTitle }),
    description: t("icsDescription", { title: v.drillTitle, link: v.link }),
    url: v.link,
    alarmMinutesBefore: kind === "drill-closing" ? undefined : 24 * 60,
  });
  return { subject, text, html, attachments: [{ filename: "deadline.ics", content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] };
}

function renderDigest(mail: MailToRender): RenderedMail {
  const v = mail.vars as MailVars<"improvement-digest">;
  const t = mailText(mail.locale);
  const count = v.items.length;
  const subject = t("digest.subject", { count });
  const greeting = t("digest.greeting", { name: v.ownerName });
  const body = t("digest.body", { count });
  const footer = t("digest.footer");
  const itemLines = v.items.map((i) => `- ${i.title} (${t("digest.due", { due: i.due })})\n  ${i.link}`);
  const text = [greeting, "", body, "", ...itemLines, "", `${t("digest.action")}: ${v.ledgerLink}`, "", "-- ", footer, ""].join("\n");
  const list = `<ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">${v.items
    .map((i) => `<li style="margin-bottom:8px"><a href="${escapeHtml(i.link)}" style="color:#1d4ed8">${escapeHtml(i.title)}</a> <span style="color:#b91c1c">(${escapeHtml(t("digest.due", { due: i.due }))})</span></li>`)
    .join("")}</ul>`;
  const html = htmlDocument(mail.locale, subject, t("digest.heading"), [paragraph(greeting), paragraph(body), list, button(t("digest.action"), v.ledgerLink)].join("\n"), footer);
  return { subject, text, html, attachments: [] };
}

export function renderMail(mail: MailToRender, domain: string): RenderedMail {
  return mail.kind === "improvement-digest" ? renderDigest(mail) : renderDrill(mail, domain);
}
