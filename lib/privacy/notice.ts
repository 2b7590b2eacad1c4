// What the public privacy page says about access, derived from the permission matrix so
// the page cannot drift from what the code enforces. Labels are typed per resource, role
// and action: adding one to the matrix fails the build until it is described here.
import { ACTIONS, PERMISSIONS, RESOURCES, type Action, type Resource } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/types";

export const RESOURCE_LABELS: Record<Resource, { label: string; what: string }> = {
  scenarios: { label: "Scenarios", what: "the exercise scripts: injects, decisions and scoring" },
  sessions: { label: "Sessions", what: "when an exercise ran, its teams, progress and join code" },
  responses: { label: "Raw responses", what: "individual answers, who voted for what, participant names" },
  reports: { label: "Reports", what: "aggregates and after-action reports: scores, decisions, vote counts" },
  users: { label: "Users and participants", what: "accounts of staff, and erasure of a participant's data" },
  audit: { label: "Audit log", what: "who viewed, exported, changed or deleted data, and when" },
  settings: { label: "Settings", what: "retention period, small-group threshold, privacy contact" },
};

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrators",
  FACILITATOR: "Facilitators",
  MANAGER: "Managers",
  PARTICIPANT: "Participants",
};

export const ACTION_LABELS: Record<Action, string> = { view: "view", modify: "create or change", export: "export", delete: "delete" };

/** Limits the matrix alone does not show: they come from the scope rules in permissions.ts. */
export const SCOPE_NOTES: Record<Role, string> = {
  ADMIN: "All sessions.",
  FACILITATOR: "Only sessions they run or were granted access to.",
  MANAGER: "Raw responses of named sessions only; never those of anonymous sessions.",
  PARTICIPANT: "No account access. During a session a participant sees their team's screen and their own answers and vote.",
};

export type AccessRow = { resource: Resource; label: string; what: string; actions: Record<Role, string[]> };

export function accessTable(): AccessRow[] {
  return RESOURCES.map((resource) => ({
    resource,
    ...RESOURCE_LABELS[resource],
    actions: Object.fromEntries(
      ROLES.map((role) => [role, ACTIONS.filter((a) => PERMISSIONS[role][resource].includes(a)).map((a) => ACTION_LABELS[a])]),
    ) as Record<Role, string[]>,
  }));
}
