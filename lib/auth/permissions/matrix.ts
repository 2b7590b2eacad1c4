// The permission matrix: the only place that decides which role may do what with
// which kind of data. Entry points ask `can()` or one of the small `can…` functions beside
// this file; data scoping (a facilitator's own sessions, anonymous sessions hidden from
// managers) is decided by the scope rules in ./session.ts.
import type { Role } from "@/lib/auth/types";

export const RESOURCES = ["scenarios", "sessions", "responses", "reports", "users", "audit", "settings", "teams", "evidence"] as const;
export type Resource = (typeof RESOURCES)[number];
export const ACTIONS = ["view", "modify", "export", "delete"] as const;
export type Action = (typeof ACTIONS)[number];

type Matrix = Record<Role, Record<Resource, readonly Action[]>>;

const ALL = ACTIONS;
const NONE: readonly Action[] = [];

export const PERMISSIONS: Matrix = {
  // Nobody rewrites what a participant answered: raw responses are viewed, exported or erased, never edited.
  // Organisation teams: everyone who runs or reads exercises sees the list (to pick from it and to
  // read reports by team); admins and managers create, rename, merge and archive them. Nobody
  // deletes a team outright: its history would go with it. Merging is how a duplicate goes away.
  // Evidence packs: a session's report, attendance counts and its audit rows, signed. Whoever may
  // export a session's report may export its pack (the scope rules decide which sessions);
  // the pack's audit rows name staff accounts, as the audit log does.
  ADMIN: { scenarios: ALL, sessions: ALL, responses: ["view", "export", "delete"], reports: ALL, users: ALL, audit: ["view", "export"], settings: ["view", "modify"], teams: ["view", "modify"], evidence: ["export"] },
  FACILITATOR: {
    scenarios: ["view", "modify", "export"],
    sessions: ["view", "modify", "export", "delete"],
    responses: ["view", "export"],
    reports: ["view", "modify", "export"],
    users: NONE,
    audit: NONE,
    settings: NONE,
    // Picks teams for a session; renaming or merging would relabel other facilitators' history.
    teams: ["view"],
    evidence: ["export"],
  },
  MANAGER: { scenarios: ["view"], sessions: ["view"], responses: ["view"], reports: ["view", "export"], users: NONE, audit: NONE, settings: NONE, teams: ["view", "modify"], evidence: ["export"] },
  PARTICIPANT: { scenarios: NONE, sessions: NONE, responses: NONE, reports: NONE, users: NONE, audit: NONE, settings: NONE, teams: NONE, evidence: NONE },
};

export function can(role: Role, resource: Resource, action: Action): boolean {
  return PERMISSIONS[role][resource].includes(action);
}
