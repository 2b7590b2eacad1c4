"use client";
// Free-text and scale answers as they come in, newest first.
import { useFormatter, useTranslations } from "next-intl";
import type { ConsoleView } from "@/lib/session/views";

export function AnswerStream({ view }: { view: ConsoleView }) {
  const t = useTranslations("console.answers");
  const format = useFormatter();
  const teamName = new Map(view.teams.map((team) => [team.id, team.name]));
  return (
    <section className="card answers" aria-label={t("label")} data-testid="answers">
      <header className="row roster-head">
        <h2>{t("heading")}</h2>
        <span className="small muted">{format.number(view.answers.length)}</span>
      </header>
      {view.answers.length === 0 ? (
        <p className="muted small">{t("empty")}</p>
      ) : (
        <ul className="answer-list">
          {view.answers.map((a) => (
            <li key={a.id}>
              <div className="answer-meta small muted">
                <span className="badge neutral">{teamName.get(a.teamId) ?? "—"}</span> {a.participant} ·{" "}
                <time dateTime={a.at} suppressHydrationWarning>{format.dateTime(new Date(a.at), { hour: "2-digit", minute: "2-digit" })}</time>
              </div>
              <div className="answer-question small">{a.question}</div>
              <div className="answer-text">{a.value !== null ? <strong>{t("scale", { value: a.value })}</strong> : a.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
