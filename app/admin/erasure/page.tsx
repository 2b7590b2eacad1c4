import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { erasureSearchOptions, findParticipants } from "@/lib/privacy/erasure";
import { Forbidden } from "@/components/ui/Forbidden";
import { AdminPageHead } from "@/components/privacy/AdminNav";
import { EraseParticipant } from "@/components/privacy/EraseParticipant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("erasure.title") };
}
export const dynamic = "force-dynamic";

type Search = Promise<{ sessionId?: string; displayName?: string; userId?: string }>;

export default async function ErasurePage({ searchParams }: { searchParams: Search }) {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/erasure");
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  if (!can(session.user.role, "responses", "delete")) return <Forbidden what={t("admin.forbidden.erasure")} />;
  const { sessionId, displayName, userId } = await searchParams;
  const query = { sessionId: sessionId?.slice(0, 64) || undefined, displayName: displayName?.slice(0, 80) || undefined, userId: userId?.slice(0, 64) || undefined };
  const prisma = getPrisma();
  const [{ sessions, users }, matches] = await Promise.all([
    erasureSearchOptions(prisma),
    query.sessionId || query.userId ? findParticipants(prisma, query) : Promise.resolve(null),
  ]);
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
      </div>

      <section className="card" aria-labelledby="matches" style={{ marginTop: "1rem" }}>
        <h2 id="matches">{t("erasure.results")}</h2>
        {matches === null ? (
          <div className="empty">{t("erasure.pickFirst")}</div>
        ) : matches.length === 0 ? (
          <div className="empty" data-testid="erasure-none">{t("erasure.none")}</div>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="erasure-results">
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
                    <td>
                      {p.session.title}
                      <div className="small muted">{`${day(new Date(p.session.createdAt))} · ${p.session.status.toLowerCase()}${p.session.anonymous ? ` · ${t("erasure.anonymous")}` : ""}`}</div>
                    </td>
                    <td>{p.team ?? "—"}</td>
                    <td>{t("erasure.counts", { answers: p.answers, votes: p.votes })}</td>
                    <td><EraseParticipant participant={p} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
