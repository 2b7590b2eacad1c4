// The erasure page's drill invitations for one address (lib/privacy/drill-invitees.ts): per
// drill what erasing takes. Anonymous drills show no answers: they are not linked to the person.
import { getFormatter, getTranslations } from "next-intl/server";
import type { DrillInviteeMatch } from "@/lib/privacy/drill-invitees";
import { EraseDrillInvitee } from "./EraseDrillInvitee";

export async function DrillInvitations({ invitees }: { invitees: DrillInviteeMatch[] }) {
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <section className="card" aria-labelledby="drill-invitations" style={{ marginTop: "1rem" }} data-testid="erasure-drills">
      <h2 id="drill-invitations">{t("erasure.drillResults")}</h2>
      <p className="small muted">{t("erasure.drillLead")}</p>
      {invitees.some((i) => i.drill.anonymous) && <p className="alert info" role="note" data-testid="erasure-anonymous-note">{t("erasure.anonymousDrillNote")}</p>}
      {invitees.length === 0 ? (
        <div className="empty" data-testid="erasure-drills-none">{t("erasure.drillNone")}</div>
      ) : (
        <div className="table-scroll">
          <table className="table stack-on-phone" data-testid="erasure-drill-results">
            <thead>
              <tr>
                <th scope="col">{t("erasure.invitee")}</th>
                <th scope="col">{t("erasure.drill")}</th>
                <th scope="col">{t("erasure.team")}</th>
                <th scope="col">{t("erasure.data")}</th>
                <th scope="col"><span className="sr-only">{t("erasure.erase")}</span></th>
              </tr>
            </thead>
            <tbody>
              {invitees.map((inv) => (
                <tr key={inv.id} data-invitation={inv.id} data-drill={inv.drill.id}>
                  <td>
                    {inv.name ?? inv.email}
                    {inv.name && <div className="small muted">{inv.email}</div>}
                    <div className="small muted">{t("erasure.progress", { status: inv.progress })}</div>
                  </td>
                  <td data-label={t("erasure.drill")}>
                    {inv.drill.title}
                    <div className="small muted">{`${t("erasure.drillCloses", { date: day(inv.drill.closesAt) })} · ${inv.drill.anonymous ? t("erasure.anonymous") : t("erasure.named")}`}</div>
                  </td>
                  <td data-label={t("erasure.team")}>{inv.team ?? "—"}</td>
                  <td data-label={t("erasure.data")} data-testid="erasure-drill-counts">
                    {inv.answers
                      ? t("erasure.drillCounts", { answers: inv.answers.decisions, reasonings: inv.answers.reasonings, mails: inv.mails })
                      : t("erasure.drillAnonymousCounts", { mails: inv.mails })}
                  </td>
                  <td><EraseDrillInvitee invitee={inv} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
