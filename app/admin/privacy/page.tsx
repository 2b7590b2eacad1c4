import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { lastRetentionRun } from "@/lib/privacy/retention";
import { Forbidden } from "@/components/ui/Forbidden";
import { PrivacySettingsForm } from "@/components/privacy/PrivacySettingsForm";
import { RetentionPanel } from "@/components/privacy/RetentionPanel";

export const metadata: Metadata = { title: "Privacy settings" };
export const dynamic = "force-dynamic";

export default async function AdminPrivacyPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=/admin/privacy");
  if (!can(session.user.role, "settings", "modify")) return <Forbidden what="the privacy settings" />;
  const prisma = getPrisma();
  const [settings, lastRun] = await Promise.all([getSettings(prisma), lastRetentionRun(prisma)]);
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <h1>Privacy settings</h1>
          <p className="lead">
            What you set here is what the system does, and what the public <Link href="/privacy">privacy page</Link> tells people. Every change is recorded in the audit log.
          </p>
        </div>
      </div>
      <div className="stack">
        <PrivacySettingsForm initial={settings} />
        <RetentionPanel
          lastRun={lastRun}
          canRun={can(session.user.role, "responses", "delete")}
        />
      </div>
    </main>
  );
}
