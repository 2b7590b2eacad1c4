"use client";
// Creates a session: scenario and the language it is played in, title, teams, participants' default language, anonymity
// and who assigns teams; posts to POST /api/sessions and opens the console of the new session.
// Teams are picked from the organisation's Teams list (sent by id); a name not on the list adds
// a new team where the role may, and each row says which of the two it is before submitting.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { DEFAULT_LOCALE, LOCALES, toLocale, type Locale } from "@/lib/i18n/config";
import { languageName } from "@/lib/i18n/language-name";
import { useErrorText } from "@/components/ui/use-error-text";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { plannedTeamsReachK } from "@/lib/session/readiness";

/** One language version of a scenario, as stored. */
export type ScenarioVersionChoice = { id: string; title: string; summary: string; locale: string; estimatedMinutes: number; decisions: number };
/** One scenario with its languages; `shownId` is the version offered first (the reader's language when there is one). */
export type ScenarioChoice = { key: string; shownId: string; title: string; languages: ScenarioVersionChoice[] };
export type TeamChoice = { id: string; name: string; sessions: number };

type TeamRow = { key: number; name: string };

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Warns when the people expected cannot give every planned team k members (its report would be blank). */
function GroupSizeField({ teams, minGroupSize }: { teams: number; minGroupSize: number }) {
  const tp = useTranslations("room.plan");
  const [expected, setExpected] = useState("");
  const people = Number(expected);
  const plan = expected.trim() && Number.isInteger(people) && people > 0 ? plannedTeamsReachK(people, teams, minGroupSize) : null;
  return (
    <div className="field">
      <label htmlFor="expected-people">{tp("expected")} <span className="muted small">{tp("optional")}</span></label>
      <input id="expected-people" data-testid="expected-people" type="number" inputMode="numeric" min={1} max={5000} value={expected} onChange={(e) => setExpected(e.target.value)} aria-describedby="expected-people-hint" />
      <p className="hint" id="expected-people-hint">{tp("hint", { k: minGroupSize })}</p>
      {plan && !plan.ok && (
        <div className="alert warn" role="status" data-testid="plan-warning">
          {tp("warning", { people, teams, perTeam: plan.perTeam, k: minGroupSize, most: plan.largestTeamCount })}
        </div>
      )}
    </div>
  );
}

export function NewSessionForm({ scenarios, initialScenarioId, teams: orgTeams, canAddTeams, minGroupSize }: { scenarios: ScenarioChoice[]; initialScenarioId: string | null; teams: TeamChoice[]; canAddTeams: boolean; minGroupSize: number }) {
  const t = useTranslations("sessions");
  const tc = useTranslations("common.language");
  const uiLocale = useLocale() as Locale;
  const errorText = useErrorText();
  const router = useRouter();
  const nextKey = useRef(1);
  const [scenarioId, setScenarioId] = useState(initialScenarioId ?? "");
  const [title, setTitle] = useState("");
  const [teams, setTeams] = useState<TeamRow[]>([{ key: 0, name: "" }]);
  const [anonymous, setAnonymous] = useState(false);
  const [selfAssign, setSelfAssign] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entry = scenarios.find((s) => s.languages.some((l) => l.id === scenarioId)) ?? null;
  const scenario = entry?.languages.find((l) => l.id === scenarioId) ?? null;
  // The participants' language follows the scenario's until the facilitator picks one.
  const [localeChoice, setLocaleChoice] = useState<Locale | null>(null);
  const locale: Locale = localeChoice ?? (scenario ? (toLocale(scenario.locale) ?? DEFAULT_LOCALE) : uiLocale);
  const listed = (name: string) => (name.trim() ? (orgTeams.find((o) => sameName(o.name, name)) ?? null) : null);
  const unpicked = orgTeams.filter((o) => !teams.some((row) => sameName(row.name, o.name)));

  function pick(name: string) {
    setTeams((rows) => {
      const empty = rows.find((r) => !r.name.trim());
      if (empty) return rows.map((r) => (r.key === empty.key ? { ...r, name } : r));
      return rows.length >= 50 ? rows : [...rows, { key: nextKey.current++, name }];
    });
  }

  function check(): string | null {
    if (!scenario) return t("errors.scenario");
    const names = teams.map((row) => row.name.trim());
    const empty = names.findIndex((n) => !n);
    if (empty >= 0) return t("errors.teamEmpty", { number: empty + 1 });
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.toLowerCase())) return t("errors.teamDuplicate", { name: n });
      seen.add(n.toLowerCase());
    }
    const unknown = names.find((n) => !listed(n));
    if (!canAddTeams && unknown) return t("errors.teamUnknown", { name: unknown });
    return null;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = check();
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const created = await apiFetch<{ id: string }>("/api/sessions", {
        method: "POST",
        json: {
          scenarioId,
          ...(title.trim() ? { title: title.trim() } : {}),
          teams: teams.map((row) => {
            const known = listed(row.name);
            return known ? { teamId: known.id } : row.name.trim();
          }),
          anonymous,
          selfAssign,
          locale,
        },
      });
      router.push(`/sessions/${created.id}`);
      return;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.problem.code === "HTTP" ? t("errors.notCreated", { status: e.problem.status }) : errorText(e.problem));
    }
    setBusy(false);
  }

  return (
    <form className="card new-session" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="scenario">{t("scenario")}</label>
        <select id="scenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} required>
          <option value="">{t("chooseScenario")}</option>
          {scenarios.map((s) => (
            // The selected scenario's option carries the chosen language's version id.
            <option key={s.key} value={s === entry ? scenarioId : s.shownId}>{s === entry && scenario ? scenario.title : s.title}</option>
          ))}
        </select>
        {scenario && (
          <div className="scenario-pick" data-testid="scenario-pick">
            <div className="row small muted">
              <span className="badge neutral" lang={scenario.locale}>{languageName(scenario.locale, uiLocale, { standalone: true })}</span>
              <span>{t("minutes", { count: scenario.estimatedMinutes })}</span>
              <span>{t("decisions", { count: scenario.decisions })}</span>
            </div>
            <p className="small">{scenario.summary}</p>
          </div>
        )}
      </div>
      {entry && (
        <div className="field">
          <label htmlFor="scenario-language">{t("scenarioLanguage")}</label>
          <select
            id="scenario-language"
            data-testid="scenario-language"
            value={scenarioId}
            disabled={entry.languages.length < 2}
            onChange={(e) => {
              setScenarioId(e.target.value);
              setLocaleChoice(null);
            }}
          >
            {entry.languages.map((l) => (
              <option key={l.id} value={l.id} lang={uiLocale}>{languageName(l.locale, uiLocale, { standalone: true })}</option>
            ))}
          </select>
          <p className="hint">{t("scenarioLanguageHint")}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="title">{t("sessionTitle")} <span className="muted small">{t("optional")}</span></label>
        <input id="title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} placeholder={scenario?.title ?? t("titlePlaceholder")} />
      </div>
      <div className="field">
        <label htmlFor="session-locale">{t("language")}</label>
        <select id="session-locale" data-testid="session-locale" value={locale} onChange={(e) => setLocaleChoice(e.target.value as Locale)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>{tc(code)}</option>
          ))}
        </select>
        <p className="hint">{t("languageHint", { language: scenario ? languageName(scenario.locale, uiLocale) : "—" })}</p>
      </div>
      <fieldset className="field team-rows">
        <legend>{t("teams")}</legend>
        <p className="hint">{canAddTeams ? t("teamsHint") : t("teamsHintPickOnly")}</p>
        {unpicked.length > 0 && (
          <div className="team-chips" data-testid="team-chips">
            <span className="small muted" id="team-chips-label">{t("teamsFromList")}</span>
            <div className="chip-list" role="group" aria-labelledby="team-chips-label">
              {unpicked.map((o) => (
                <button key={o.id} type="button" className="chip" data-testid="team-chip" onClick={() => pick(o.name)}>
                  {o.name}
                </button>
              ))}
            </div>
          </div>
        )}
        <datalist id="org-teams">
          {orgTeams.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        {teams.map((row, i) => {
          const known = listed(row.name);
          const status = !row.name.trim() ? null : known ? t("teamListed", { count: known.sessions }) : canAddTeams ? t("teamNew") : t("teamNotListed");
          return (
            <div className="team-entry" key={row.key}>
              <div className="team-row">
                <label className="sr-only" htmlFor={`team-${row.key}`}>{t("teamName", { number: i + 1 })}</label>
                <input
                  id={`team-${row.key}`}
                  data-testid="team-name"
                  list="org-teams"
                  autoComplete="off"
                  value={row.name}
                  maxLength={60}
                  aria-describedby={status ? `team-status-${row.key}` : undefined}
                  placeholder={i === 0 ? t("teamPlaceholder1") : i === 1 ? t("teamPlaceholder2") : t("teamPlaceholder", { number: i + 1 })}
                  onChange={(e) => setTeams((rows) => rows.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
                />
                <button type="button" className="btn ghost" aria-label={t("removeTeam", { number: i + 1 })} disabled={teams.length === 1} onClick={() => setTeams((rows) => rows.filter((r) => r.key !== row.key))}>
                  {t("remove")}
                </button>
              </div>
              {status && (
                <p id={`team-status-${row.key}`} className={`team-status small${known ? "" : canAddTeams ? " new" : " unknown"}`} data-testid="team-status" data-kind={known ? "listed" : "new"}>
                  {status}
                </p>
              )}
            </div>
          );
        })}
        <button type="button" className="btn secondary" data-testid="add-team" disabled={teams.length >= 50} onClick={() => setTeams((rows) => [...rows, { key: nextKey.current++, name: "" }])}>
          {t("addTeam")}
        </button>
      </fieldset>
      <GroupSizeField teams={teams.length} minGroupSize={minGroupSize} />
      <div className="field check">
        <input id="anonymous" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <label htmlFor="anonymous">
          {t("anonymous")}
          <span className="hint">{t("anonymousHint")}</span>
        </label>
      </div>
      <div className="field check">
        <input id="self-assign" type="checkbox" checked={selfAssign} onChange={(e) => setSelfAssign(e.target.checked)} />
        <label htmlFor="self-assign">
          {t("selfAssign")}
          <span className="hint">{t("selfAssignHint")}</span>
        </label>
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="btn" type="submit" disabled={busy}>{busy ? t("creating") : t("create")}</button>
    </form>
  );
}
