// Permissions that follow from a role alone, named for the question the caller asks.
import type { Role } from "@/lib/auth/types";
import { can } from "./matrix";

/** API tokens act for their owner in the automation API, which creates and runs sessions. */
export function canHoldApiToken(role: Role): boolean {
  return can(role, "sessions", "modify");
}

/**
 * Starting a session may add a new organisation team on the fly (a department running its first
 * exercise). A new team has no history, so adding one shows and changes nothing of anyone else's;
 * renaming, merging and archiving existing teams stays with teams.modify.
 */
export function canAddTeamWithSession(role: Role): boolean {
  return can(role, "sessions", "modify") && can(role, "teams", "view");
}

/** Staff, who may see exercises, always have "My drills" in the header; anyone else once invited to one. */
export function alwaysShowsMyDrills(role: Role): boolean {
  return can(role, "sessions", "view");
}
