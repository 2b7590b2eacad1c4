// The personal links as a CSV the facilitator mails themselves while no SMTP server is
// configured: one row per invitee (email, name, locale, link), plus the open link if any.
// Pure, so the create form builds it in the browser from the creation answer.
import { toCsv } from "@/lib/reports/csv";
import type { DrillLink } from "@/lib/drills/facilitator";

export const LINKS_CSV_HEADER = ["email", "name", "locale", "link"] as const;

export function linksCsv(links: readonly DrillLink[], openLink: string | null): string {
  const rows = links.map((l) => [l.email, l.name, l.locale, l.link]);
  if (openLink) rows.push(["", "open link", "", openLink]);
  return toCsv(LINKS_CSV_HEADER, rows);
}
