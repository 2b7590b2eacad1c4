import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { MAX_SCENARIO_BYTES } from "@/lib/catalog/store";
import { Forbidden } from "@/components/ui/Forbidden";
import { UploadForm } from "@/components/scenarios/UploadForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Upload a scenario" };

export default async function UploadScenarioPage() {
  const session = await getSession();
  if (!session) redirect("/login?callbackUrl=%2Fscenarios%2Fupload");
  if (!can(session.user.role, "scenarios", "modify")) {
    return <Forbidden what="the scenario upload" reason="Only facilitators and administrators can upload scenarios. You can still browse the catalogue." />;
  }
  return (
    <main className="page narrow">
      <div className="page-head">
        <div>
          <p className="small"><Link href="/scenarios">← Scenarios</Link></p>
          <h1>Upload a scenario</h1>
          <p className="lead">Add a new scenario, or a new version of one: files with the same scenario id become versions of it.</p>
        </div>
      </div>
      <UploadForm maxBytes={MAX_SCENARIO_BYTES} />
    </main>
  );
}
