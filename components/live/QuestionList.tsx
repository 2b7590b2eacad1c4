"use client";
// The questions of the current inject that are meant for this participant's role, each
// saved on its own; "Saved ✓" appears only once the server has acknowledged the answer.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/use-error-text";
import type { NodeView } from "@/lib/session/views";
import { submitAnswer, useParticipantStore, type SaveStatus } from "./stores";

type InjectNode = Extract<NodeView, { type: "inject" }>;
type Question = InjectNode["questions"][number];

export function questionsFor(node: InjectNode, roleId: string | null): Question[] {
  return node.questions.filter((q) => q.roles === null || (roleId !== null && q.roles.includes(roleId)));
}

/** Saving… while the write is on its way, the error if it was refused, "Saved ✓" once acknowledged. */
function SaveState({ status, saved }: { status: SaveStatus | undefined; saved: boolean }) {
  const t = useTranslations("play.questions");
  const errorText = useErrorText();
  if (status?.state === "saving") return <span className="save-state saving">{t("saving")}</span>;
  if (status?.state === "error") return <span className="save-state error" role="alert">{t("notSaved", { reason: errorText(status.problem ?? { code: "UNKNOWN" }) })}</span>;
  if (saved) return <span className="save-state saved" data-testid="answer-saved">{t("saved")}</span>;
  return null;
}

function TextQuestion({ question, saved, status }: { question: Question; saved: string | null; status: SaveStatus | undefined }) {
  const t = useTranslations("play.questions");
  const [draft, setDraft] = useState(saved ?? "");
  const dirty = draft.trim() !== (saved ?? "").trim();
  const id = `q-${question.id}`;
  return (
    <form
      className="question"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) void submitAnswer(question.id, { text: draft.trim() });
      }}
    >
      <label htmlFor={id}>{question.text}</label>
      <textarea id={id} rows={3} maxLength={4000} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t("placeholder")} />
      <div className="question-foot">
        <button className="btn secondary" type="submit" disabled={!draft.trim() || status?.state === "saving" || (!dirty && saved !== null)}>
          {saved !== null && dirty ? t("saveChanges") : t("saveAnswer")}
        </button>
        <SaveState status={status} saved={saved !== null && !dirty} />
      </div>
    </form>
  );
}

function ScaleQuestion({ question, saved, status }: { question: Question; saved: number | null; status: SaveStatus | undefined }) {
  const t = useTranslations("play.questions");
  const [picked, setPicked] = useState<number | null>(saved);
  const labelId = `q-${question.id}-label`;
  return (
    <div className="question">
      <div id={labelId} className="question-label">{question.text}</div>
      <div className="scale" role="radiogroup" aria-labelledby={labelId}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={picked === n}
            className={`scale-step${picked === n ? " selected" : ""}`}
            disabled={status?.state === "saving"}
            onClick={() => {
              setPicked(n);
              void submitAnswer(question.id, { value: n });
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="scale-ends small muted" aria-hidden><span>{t("low")}</span><span>{t("high")}</span></div>
      <div className="question-foot">
        <SaveState status={status} saved={saved !== null && picked === saved} />
      </div>
    </div>
  );
}

export function QuestionList({ node, visit, roleId }: { node: InjectNode; visit: number; roleId: string | null }) {
  const t = useTranslations("play.questions");
  const myAnswers = useParticipantStore((s) => s.view?.myAnswers);
  const statuses = useParticipantStore((s) => s.answers);
  const questions = questionsFor(node, roleId);
  if (questions.length === 0) return null;
  return (
    <section className="card questions" aria-label={t("label")} data-testid="questions">
      <h3>{t("heading", { count: questions.length })}</h3>
      <p className="small muted">{t("intro")}</p>
      {questions.map((q) => {
        const saved = myAnswers?.[q.id];
        const key = `${node.id}#${visit}/${q.id}`;
        return q.kind === "scale" ? (
          <ScaleQuestion key={key} question={q} saved={saved?.value ?? null} status={statuses[q.id]} />
        ) : (
          <TextQuestion key={key} question={q} saved={saved?.text ?? null} status={statuses[q.id]} />
        );
      })}
    </section>
  );
}
