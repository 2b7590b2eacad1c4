import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { erasureSearchOptions, findParticipants } from "@/lib/privacy/erasure";
import { findDrillInvitees, ZInviteeEmail } from "@/lib/privacy/drill-invitees";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { EraseParticipant } from "@/components/privacy/EraseParticipant";
import { DrillInvitations } from "@/components/privacy/DrillInvitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("erasure.title") };
}
export const dynamic = "force-dynamic";

type Search = Promise<{ sessionId?: string; displayName?: string; userId?: string; email?: string }>;

/**
 * Whom to look for: a session (and name), an account, or an e-mail address. An address finds
 * its drill invitations, and the live participations of the account with that address.
 */
async function search(prisma: ReturnType<typeof getPrisma>, query: { sessionId?: string; displayName?: string; userId?: string; email?: string }) {
  let { userId } = query;
  let email: string | null = null;
  if (query.email !== undefined) {
    const parsed = ZInviteeEmail.safeParse(query.email);
    if (!parsed.success) return { emailProblem: true, matches: null, invitees: null };
    email = parsed.data;
    userId = (await prisma.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } }))?.id;
  } else if (userId) {
    email = (await prisma.user.findUnique({ where: { id: userId }, select: { email: true } }))?.email ?? null;
  }
  const [matches, invitees] = await Promise.all([
    query.sessionId || userId ? findParticipants(prisma, { ...query, userId }) : Promise.resolve(email ? [] : null),
    email ? findDrillInvitees(prisma, email) : Promise.resolve(null),
  ]);
  return { emailProblem: false, matches, invitees };
}

export default async function ErasurePage({ searchParams }: { searchParams: Search }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/erasure");
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  if (!can(session.user.role, "responses", "delete")) return <Forbidden what={t("admin.forbidden.erasure")} />;
  const { sessionId, displayName, userId, email } = await searchParams;
  const query = { sessionId: sessionId?.slice(0, 64) || undefined, displayName: displayName?.slice(0, 80) || undefined, userId: userId?.slice(0, 64) || undefined, email: email?.slice(0, 300) || undefined };
  const prisma = getPrisma();
  const [{ sessions, users }, { emailProblem, matches, invitees }] = await Promise.all([erasureSearchOptions(prisma), search(prisma, query)]);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <main className="page">
      <AdminPageHead role={session.user.role} current="erasure" title={t("erasure.title")} lead={t("erasure.lead")} />
      <div className="erasure-search">
        <form className="card" method="get" action="/admin/erasure" data-testid="erasure-by-session">
          <h2>{t("erasure.bySession")}</h2>
          <div className="field">
            <label htmlFor="sessionId">{t("erasure.session")}</label>
            <select id="sessionId" name="sessionId" defaultValue={query.userId ? "" : query.sessionId ?? ""} required>
              <option value="">{t("erasure.chooseSession")}</option>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>{`${s.title} · ${day(s.createdAt)} · ${s.status.toLowerCase()}${s.anonymous ? ` · ${t("erasure.anonymous")}` : ""}`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="displayName">{t("erasure.displayName")}</label>
            <input id="displayName" name="displayName" defaultValue={query.displayName ?? ""} maxLength={80} />
          </div>
          <button className="btn secondary" type="submit">{t("erasure.search")}</button>
        </form>
        <form className="card" method="get" action="/admin/erasure" data-testid="erasure-by-account">
          <h2>{t("erasure.byAccount")}</h2>
          <div className="field">
            <label htmlFor="userId">{t("erasure.account")}</label>
            <select id="userId" name="userId" defaultValue={query.userId ?? ""} required>
              <option value="">{t("erasure.chooseAccount")}</option>
              {users.map((u) => <option key={u.id} value={u.id}>{u.email}</option>)}
            </select>
          </div>
          <button className="btn secondary" type="submit">{t("erasure.search")}</button>
        </form>
        <form className="card" method="get" action="/admin/erasure" data-testid="erasure-by-email">
          <h2>{t("erasure.byEmail")}</h2>
          <div className="field">
            <label htmlFor="email">{t("erasure.email")}</label>
            <input id="email" name="email" type="email" defaultValue={query.email ?? ""} maxLength={254} required aria-invalid={emailProblem ? true : undefined} aria-describedby={emailProblem ? "email-problem" : undefined} />
            {emailProblem && <div className="field-error" id="email-problem" role="alert" data-testid="erasure-email-problem">{t("erasure.badEmail", { value: query.email ?? "" })}</div>}
          </div>
          <button className="btn secondary" type="submit">{t("erasure.search")}</button>
        </form>
      </div>

      <section className="card" aria-labelledby="matches" style={{ marginTop: "1rem" }}>
        <h2 id="matches">{t("erasure.results")}</h2>
        {matches === null ? (
          <div className="empty">{t("erasure.pickFirst")}</div>
        ) : matches.length === 0 ? (
          <div className="empty" data-testid="erasure-none">{t("erasure.none")}</div>
        ) : (
          <div className="table-scroll">
            <table className="table stack-on-phone" data-testid="erasure-results">
              <thead>
                <tr>
                  <th scope="col">{t("erasure.participant")}</th>
                  <th scope="col">{t("erasure.session")}</th>
                  <th scope="col">{t("erasure.team")}</th>
                  <th scope="col">{t("erasure.data")}</th>
                  <th scope="col"><span className="sr-only">{t("erasure.erase")}</span></th>
                </tr>
              </thead>
              <tbody>
                {matches.map((p) => (
                  <tr key={p.id} data-participant={p.displayName}>
                    <td>
                      {p.displayName}
                      {p.linkedToAccount && <div className="small muted">{t("erasure.linked")}</div>}
                    </td>
                    <td data-label={t("erasure.session")}>
                      {p.session.title}
                      <div className="small muted">{`${day(new Date(p.session.createdAt))} · ${p.session.status.toLowerCase()}${p.session.anonymous ? ` · ${t("erasure.anonymous")}` : ""}`}</div>
                    </td>
                    <td data-label={t("erasure.team")}>{p.team ?? "—"}</td>
                    <td data-label={t("erasure.data")}>{t("erasure.counts", { answers: p.answers, votes: p.votes })}</td>
                    <td><EraseParticipant participant={p} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {invitees && <DrillInvitations invitees={invitees} />}
    </main>
  );
}
