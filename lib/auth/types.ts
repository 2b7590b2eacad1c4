// The authenticated user as every entry point sees it.
export const ROLES = ["ADMIN", "FACILITATOR", "MANAGER", "PARTICIPANT"] as const;
export type Role = (typeof ROLES)[number];

export type SignedInUser = { id: string; email: string; name: string | null; role: Role };
/** A signed-in person as every entry point sees them (cookie or API token); "session" in this code base means an exercise session. */
export type SignIn = { user: SignedInUser };
