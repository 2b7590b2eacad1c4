// What each kind of message needs (zod, the one source of the types enqueueMail accepts).
// Links must be absolute http(s) URLs; times are ISO 8601 instants.
import { z } from "zod";

const ZLink = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).max(2000);
const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-12-10T17:00:00Z" });
const ZText = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const ZDrillVars = z.strictObject({
  drillTitle: ZText(200),
  organiser: ZText(200),
  /** The recipient's personal link (it carries their token). */
  link: ZLink,
  opensAt: ZInstant,
  deadline: ZInstant,
});

export const ZMailVars = {
  "drill-invitation": ZDrillVars,
  "drill-reminder": ZDrillVars,
  "drill-closing": ZDrillVars.extend({
    /** One or two sentences, e.g. "Readiness 78%; 2 decisions worth reviewing". */
    resultSummary: ZText(500),
    resultLink: ZLink,
  }),
  "improvement-digest": z.strictObject({
    ownerName: ZText(200),
    ledgerLink: ZLink,
    items: z
      .array(z.strictObject({ title: ZText(500), due: z.iso.date({ error: "must be a date such as 2026-12-01" }), link: ZLink }))
      .min(1, "must list at least one item")
      .max(200, "must list at most 200 items"),
  }),
} as const;

export type MailKind = keyof typeof ZMailVars;
export const MAIL_KINDS = Object.keys(ZMailVars) as MailKind[];
export type MailVars<K extends MailKind> = z.infer<(typeof ZMailVars)[K]>;
