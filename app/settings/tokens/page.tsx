import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ApiTokens } from "@/components/settings/ApiTokens";
import { Forbidden } from "@/components/ui/Forbidden";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/settings/tokens");
  if (!can(session.user.role, "sessions", "modify")) return <Forbidden what="API tokens" />;
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>API tokens</h1>
          <p className="lead">Tokens let other systems list scenarios, create sessions and read results: send <code>Authorization: Bearer rr_…</code>. They act as you, are stored only as a hash, and can be revoked at any time.</p>
        </div>
      </div>
      <ApiTokens />
    </main>
  );
}
