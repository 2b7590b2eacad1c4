// The authenticated user as every entry point sees it.
export const ROLES = ["ADMIN", "FACILITATOR", "MANAGER", "PARTICIPANT"] as const;
export type Role = (typeof ROLES)[number];

export type SessionUser = { id: string; email: string; name: string | null; role: Role };
export type AppSession = { user: SessionUser };
