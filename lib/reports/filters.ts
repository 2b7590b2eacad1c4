// The dashboard's filters (scenario, teams, date range, trend bucket, mode: live sessions, drills or both) as they arrive in URL
// search params, validated once here for pages, exports and the benchmark alike.
import { z } from "zod";

export const REPORT_MODES = ["all", "live", "drill"] as const;

const ZDay = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field} must be a date written YYYY-MM-DD` })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: `${field} is not a real calendar date` });

export const ZReportFilters = z
  .strictObject({
    /** Scenario slug: every version of that scenario. */
    scenario: z.string().trim().min(1).max(120).optional(),
    /** Organisation team ids; empty means every team. */
    team: z.array(z.string().min(1).max(64)).max(50, { error: "choose at most 50 teams" }).default([]),
    /** First and last day (UTC, inclusive) of the sessions' start dates. */
    from: ZDay("from").optional(),
    to: ZDay("to").optional(),
    bucket: z.enum(["week", "month"], { error: 'bucket is "week" or "month"' }).default("month"),
    /** Live sessions, drills, or both (a drill counts one figure per organisation team, docs/scoring.md). */
    mode: z.enum(REPORT_MODES, { error: 'mode is "all", "live" or "drill"' }).default("all"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "to must not be before from" });
export type TReportFilters = z.infer<typeof ZReportFilters>;

export const EMPTY_FILTERS: TReportFilters = ZReportFilters.parse({});

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: ParamSource): Record<string, unknown> {
  const get = (key: string): string[] => {
    if (params instanceof URLSearchParams) return params.getAll(key);
    const value = params[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const one = (key: string) => get(key).find((v) => v !== "") || undefined;
  return {
    scenario: one("scenario"),
    team: get("team").flatMap((v) => v.split(",")).filter(Boolean),
    from: one("from"),
    to: one("to"),
    bucket: one("bucket"),
    mode: one("mode"),
  };
}

export type FilterIssue = { field: string; message: string };

/** Parses URL search params; on bad input returns the issues, each naming its field. */
export function parseReportFilters(params: ParamSource): { ok: true; filters: TReportFilters } | { ok: false; issues: FilterIssue[] } {
  const r = ZReportFilters.safeParse(read(params));
  if (r.success) return { ok: true, filters: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "filters", message: i.message })) };
}

/** The filters as URL search params (defaults left out), for links that keep the current view. */
export function filtersToSearch(filters: TReportFilters, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  if (filters.scenario) p.set("scenario", filters.scenario);
  for (const t of filters.team) p.append("team", t);
  if (filters.from) p.set("from", filters.from);
  if (filters.to) p.set("to", filters.to);
  if (filters.bucket !== "month") p.set("bucket", filters.bucket);
  if (filters.mode !== "all") p.set("mode", filters.mode);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
