"use client";
// The facilitator's "Run as a drill" form: scenario, times, anonymity, open link, timer
// scale and invitees pasted per organisation team. On success it shows the personal links
// once, as a CSV to download (e-mail sending is not configured here), and the open link.
import { useRef, useState } from "react";
import Link from "@/components/ui/IntentLink";
import { useLocale, useTranslations } from "next-intl";
import { apiFetch } from "@/lib/http/client-fetch";
import type { DrillLink } from "@/lib/drills/facilitator";
import { linksCsv } from "@/lib/drills/links-csv";
import { useDrillError } from "./use-drill-error";
import "./drills.css";

export type DrillScenarioChoice = { id: string; title: string; locale: string };
type Group = { key: number; teamId: string; locale: Locale; text: string };
type Created = { id: string; links: DrillLink[]; openLink: string | null; mail: { configured: boolean; invitationsQueued: number } };
type Locale = "en" | "pl";

const TIMER_FACTORS = [0.5, 1, 2, 4];
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Invitees from pasted lines "email[, name][, pl|en]" (a last field "pl" or "en" is that person's language); the first bad line is reported. */
function parseGroups(groups: Group[]): { invitees: Array<{ email: string; name?: string; locale: string; teamId?: string }>; bad: { line: number; text: string } | null } {
  const invitees = [];
  let line = 0;
  for (const g of groups) {
    for (const raw of g.text.split(/\r?\n/)) {
      line++;
      const text = raw.trim();
      if (!text) continue;
      const [email, ...rest] = text.split(/[,;\t]/).map((s) => s.trim());
      if (!EMAIL.test(email)) return { invitees: [], bad: { line, text } };
      const last = rest.at(-1)?.toLowerCase();
      const locale = last === "pl" || last === "en" ? last : g.locale;
      const name = (last === locale ? rest.slice(0, -1) : rest).join(" ").trim();
      invitees.push({ email, ...(name ? { name } : {}), locale, ...(g.teamId ? { teamId: g.teamId } : {}) });
    }
  }
  return { invitees, bad: null };
}

function downloadCsv(created: Created) {
  const blob = new Blob([linksCsv(created.links, created.openLink)], { type: "text/csv;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `drill-links-${created.id}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function NewDrillForm({ scenarios, teams, preselected }: { scenarios: DrillScenarioChoice[]; teams: Array<{ id: string; name: string }>; preselected: string | null }) {
  const t = useTranslations("drills");
  const tm = useTranslations("drillMail");
  // The invitation's language defaults to the creator's own UI language.
  const uiLocale: Locale = useLocale() === "pl" ? "pl" : "en";
  const errorText = useDrillError();
  const [reminderDays, setReminderDays] = useState(2);
  const [scenarioId, setScenarioId] = useState(preselected ?? scenarios[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [opensAt, setOpensAt] = useState(() => localInput(new Date()));
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 14 * 86_400_000)));
  const [anonymous, setAnonymous] = useState(false);
  const [openLink, setOpenLink] = useState(false);
  const [timerScale, setTimerScale] = useState<string>("off");
  const nextKey = useRef(1);
  const [groups, setGroups] = useState<Group[]>([{ key: 0, teamId: "", locale: uiLocale, text: "" }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const { invitees, bad } = parseGroups(groups);
    if (bad) return setError(t("badLine", bad));
    setBusy(true);
    setError(null);
    try {
      const body = {
        scenarioId,
        ...(title.trim() ? { title: title.trim() } : {}),
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        anonymous,
        openLink,
        timerScale: timerScale === "off" ? null : Number(timerScale),
        reminderDays,
        invitees,
      };
      setCreated(await apiFetch<Created>("/api/drills", { method: "POST", json: body }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <div className="card stack" data-testid="drill-created">
        <h2>{t("created")}</h2>
        {created.mail.configured ? (
          <>
            <p className="alert ok" role="status" data-testid="drill-emailed">{tm("emailed", { count: created.mail.invitationsQueued })}</p>
            <p className="small muted">{tm("emailedHint")}</p>
          </>
        ) : (
          <>
            <p className="alert warn" role="status" data-testid="drill-no-smtp">{t("noSmtp")}</p>
            <p className="small muted">{t("linksOnce")}</p>
          </>
        )}
        <div className="row">
          {created.links.length > 0 && <button type="button" className="btn" onClick={() => downloadCsv(created)} data-testid="download-links">{t("downloadCsv")}</button>}
          <Link className="btn secondary" href={`/drills/${created.id}`}>{t("toDrill")}</Link>
        </div>
        {created.openLink && (
          <p className="drill-links small"><strong>{t("openLinkLabel")}:</strong> <code data-testid="open-link">{created.openLink}</code></p>
        )}
        <ul className="plain-list small drill-links" data-testid="personal-links">
          {created.links.map((l) => (
            <li key={l.email}><span>{l.name ? `${l.name} <${l.email}>` : l.email}</span> <code>{l.link}</code></li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="new-drill">
      <div className="field">
        <label htmlFor="drill-scenario">{t("scenario")}</label>
        <select id="drill-scenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
          {scenarios.map((s) => <option key={s.id} value={s.id} lang={s.locale}>{s.title}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="drill-title">{t("drillTitle")} <span className="muted small">{t("optional")}</span></label>
        <input id="drill-title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor="drill-opens">{t("opensAt")}</label>
          <input id="drill-opens" type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        </div>
        <div className="field grow">
          <label htmlFor="drill-closes">{t("closesAt")}</label>
          <input id="drill-closes" type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </div>
      </div>
      <div className="field check">
        <input id="drill-anonymous" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <label htmlFor="drill-anonymous">
          {t("anonymous")}
          <span className="hint">{t("anonymousHint")}</span>
        </label>
      </div>
      <div className="field check">
        <input id="drill-open-link" type="checkbox" checked={openLink} onChange={(e) => setOpenLink(e.target.checked)} />
        <label htmlFor="drill-open-link">
          {t("openLink")}
          <span className="hint">{t("openLinkHint")}</span>
        </label>
      </div>
      <div className="field">
        <label htmlFor="drill-timers">{t("timers")}</label>
        <select id="drill-timers" value={timerScale} onChange={(e) => setTimerScale(e.target.value)}>
          <option value="off">{t("timersOff")}</option>
          {TIMER_FACTORS.map((f) => <option key={f} value={String(f)}>{t("timersScaled", { factor: f })}</option>)}
        </select>
        <p className="hint">{t("timersHint")}</p>
      </div>
      <div className="field">
        <label htmlFor="drill-reminder">{tm("reminderDays")}</label>
        <select id="drill-reminder" value={reminderDays} onChange={(e) => setReminderDays(Number(e.target.value))}>
          {[0, 1, 2, 3, 7].map((d) => <option key={d} value={d}>{tm("reminderDaysValue", { days: d })}</option>)}
        </select>
        <p className="hint">{tm("reminderDaysHint")}</p>
      </div>
      <fieldset className="field drill-invitees">
        <legend>{t("invitees")}</legend>
        <p className="hint">{t("inviteesHint")} {tm("lineLanguage")}</p>
        {groups.map((g, i) => (
          <div className="invitee-group" key={g.key}>
            <div className="row">
              <div className="field grow">
                <label htmlFor={`group-team-${g.key}`}>{t("team")}</label>
                <select id={`group-team-${g.key}`} value={g.teamId} onChange={(e) => setGroups((gs) => gs.map((x) => (x.key === g.key ? { ...x, teamId: e.target.value } : x)))}>
                  <option value="">{t("noTeam")}</option>
                  {teams.map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`group-locale-${g.key}`}>{t("language")}</label>
                <select id={`group-locale-${g.key}`} value={g.locale} onChange={(e) => setGroups((gs) => gs.map((x) => (x.key === g.key ? { ...x, locale: e.target.value as "en" | "pl" } : x)))}>
                  <option value="en">English</option>
                  <option value="pl">Polski</option>
                </select>
              </div>
            </div>
            <label className="sr-only" htmlFor={`group-text-${g.key}`}>{t("invitees")}</label>
            <textarea id={`group-text-${g.key}`} rows={4} placeholder="ana@example.org, Ana Nowak" value={g.text} onChange={(e) => setGroups((gs) => gs.map((x) => (x.key === g.key ? { ...x, text: e.target.value } : x)))} />
            {groups.length > 1 && <button type="button" className="btn ghost small" onClick={() => setGroups((gs) => gs.filter((x) => x.key !== g.key))}>{t("removeGroup")} {i + 1}</button>}
          </div>
        ))}
        <button type="button" className="btn secondary" onClick={() => setGroups((gs) => [...gs, { key: nextKey.current++, teamId: "", locale: uiLocale, text: "" }])}>{t("addGroup")}</button>
      </fieldset>
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="btn" type="submit" disabled={busy || !scenarioId}>{busy ? t("creating") : t("create")}</button>
    </form>
  );
}
