import type { Metadata } from "next";
import Link from "next/link";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/client";
import { getSettings } from "@/lib/privacy/settings";
import { PrivacyNotice } from "@/components/privacy/PrivacyNotice";

export const metadata: Metadata = { title: "Privacy" };
// Read on every request: the notice states the settings in force right now.
export const dynamic = "force-dynamic";

/** Public: no sign-in needed. */
export default async function PrivacyPage() {
  const [settings, session] = await Promise.all([getSettings(getPrisma()), getSession()]);
  return (
    <main className="page narrow">
      {session && can(session.user.role, "settings", "modify") && (
        <div className="alert info">
          You can change what this page says: <Link href="/admin/privacy">edit the privacy settings</Link>.
        </div>
      )}
      <PrivacyNotice settings={settings} />
    </main>
  );
}
