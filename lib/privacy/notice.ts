// What the public privacy page says about access, derived from the permission matrix so
// the page cannot drift from what the code enforces. The words for each resource, role,
// action and scope rule live in the `privacy.notice` messages; the catalogue test fails
// when the matrix gains a resource or role that has no words.
import { ACTIONS, PERMISSIONS, RESOURCES, type Action, type Resource } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/types";

export type AccessRow = { resource: Resource; actions: Record<Role, Action[]> };

export function accessTable(): AccessRow[] {
  return RESOURCES.map((resource) => ({
    resource,
    actions: Object.fromEntries(ROLES.map((role) => [role, ACTIONS.filter((a) => PERMISSIONS[role][resource].includes(a))])) as Record<Role, Action[]>,
  }));
}
