"use client";
// The team's notification form on the participant's page: one card per notification task,
// its fields co-edited by the whole team (each change is sent a moment after typing stops;
// the last write per field wins on the server, and each field says who changed it last),
// and the send button for the task's submitter. Works in one column on a 375 px phone.
import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { ParticipantView } from "@/lib/session/views";
import type { NoticeTaskLive } from "@/lib/session/clock-views";
import { NOTICE_FIELD_MAX } from "@/lib/session/clock-inputs";
import { useErrorText } from "@/components/ui/use-error-text";
import { editNoticeField, submitNotice, useClockStore, type ClockProblem } from "./clock-store";
import "./clocks.css";

const SEND_AFTER_MS = 500;

function NoticeField({ taskId, field, disabled, onProblem }: { taskId: string; field: NoticeTaskLive["fields"][number]; disabled: boolean; onProblem: (p: ClockProblem | null) => void }) {
  const t = useTranslations("liveClocks");
  const format = useFormatter();
  const [value, setValue] = useState(field.value);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A teammate's change shows unless this person is typing in the field right now.
  useEffect(() => {
    if (!editing.current) setValue(field.value);
  }, [field.value]);
  const send = async (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const outcome = await editNoticeField(taskId, field.id, text);
    onProblem(outcome.ok ? null : outcome.problem);
  };
  const id = `notice-${taskId}-${field.id}`;
  return (
    <div className="notice-field" data-testid={`field-${field.id}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="required" title={t("required")} aria-label={t("required")}>*</span>}
      </label>
      {field.help && <span className="notice-meta">{field.help}</span>}
      <textarea
        id={id}
        value={value}
        maxLength={NOTICE_FIELD_MAX}
        disabled={disabled}
        onFocus={() => (editing.current = true)}
        onChange={(e) => {
          const text = e.target.value;
          setValue(text);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void send(text), SEND_AFTER_MS);
        }}
        onBlur={() => {
          editing.current = false;
          if (timer.current) void send(value);
        }}
      />
      <span className="notice-meta" data-testid={`by-${field.id}`}>
        {field.by ? t("changedBy", { name: field.by, at: format.dateTime(new Date(field.at ?? 0), { hour: "2-digit", minute: "2-digit" }) }) : t("notChanged")}
      </span>
    </div>
  );
}

function NoticeTask({ view, task }: { view: ParticipantView; task: NoticeTaskLive }) {
  const t = useTranslations("liveClocks");
  const format = useFormatter();
  const errorText = useErrorText();
  const timeZone = useClockStore((s) => s.teams[view.me.teamId ?? ""]?.timeZone ?? "UTC");
  const [problem, setProblem] = useState<ClockProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submitterName = view.roles.find((r) => r.id === task.submitter)?.name ?? task.submitter;
  const mine = !task.submitterHeld || view.me.roleId === task.submitter;
  const running = view.session.status === "RUNNING";
  return (
    <section className="card notice-form" data-testid={`notice-${task.id}`}>
      <h3>{task.title}</h3>
      {!task.open && <p className="small muted">{t("notOpen")}</p>}
      {task.fields.map((field) => (
        <NoticeField key={field.id} taskId={task.id} field={field} disabled={!running && !task.open} onProblem={setProblem} />
      ))}
      {task.notices.length > 0 && (
        <ul className="notice-sent small" data-testid="notices-sent">
          {task.notices.map((n) => (
            <li key={n.id}>{t("sentBy", { at: format.dateTime(new Date(n.storyAt), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone }), name: n.by ?? "—" })} · <strong>{t(`verdict.${n.status}`)}</strong></li>
          ))}
        </ul>
      )}
      {problem && <div className="alert error" role="alert">{errorText(problem)}</div>}
      <div className="notice-actions">
        <button
          className="btn"
          type="button"
          data-testid="notice-submit"
          disabled={busy || !task.open || !mine || !running}
          onClick={async () => {
            setBusy(true);
            const outcome = await submitNotice(task.id);
            setBusy(false);
            setProblem(outcome.ok ? null : outcome.problem);
          }}
        >
          {task.notices.length > 0 && task.phased ? t("sendPhase") : t("send")}
        </button>
        {!mine && <span className="small muted">{t("onlySubmitter", { role: submitterName ?? "" })}</span>}
        {task.submitter && mine && task.submitterHeld && <span className="small muted">{t("youSubmit")}</span>}
      </div>
    </section>
  );
}

/** The participant's notices and their team's clocks, once the team has any. */
export function NoticeForms({ view }: { view: ParticipantView }) {
  const tasks = useClockStore((s) => (view.me.teamId ? s.teams[view.me.teamId]?.tasks : undefined));
  if (!tasks?.length) return null;
  return (
    <>
      {tasks.map((task) => (
        <NoticeTask key={task.id} view={view} task={task} />
      ))}
    </>
  );
}
