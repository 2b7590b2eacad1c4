import { route } from "@/lib/http/route";
import { getPrisma } from "@/lib/db/client";
import { audit } from "@/lib/audit/log";
import { toCsv } from "@/lib/audit/csv";
import { listUsers } from "@/lib/users/service";

export const dynamic = "force-dynamic";

/** Staff accounts as CSV (no secrets); the export is audited. */
export const GET = route({ resource: "users", action: "export" }, async ({ session, viaToken }) => {
  const users = await listUsers(getPrisma());
  await audit(getPrisma(), session.user, "export", "user", null, { format: "csv", rows: users.length, via: viaToken ? "api-token" : "web" });
  const csv = toCsv(["id", "email", "name", "role", "active", "created_at", "last_login_at"], users.map((u) => [u.id, u.email, u.name, u.role, u.active, u.createdAt, u.lastLoginAt]));
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="readyroom-users.csv"', "cache-control": "no-store" } });
});
