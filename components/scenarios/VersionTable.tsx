// Every stored version of one scenario, newest first, identified by its content hash.
import Link from "@/components/ui/IntentLink";
import { useFormatter, useTranslations } from "next-intl";

type Version = { id: string; contentHash: string; createdAt: Date; source: string };

export function VersionTable({ versions, currentId }: { versions: Version[]; currentId: string }) {
  const t = useTranslations("scenarios.versions");
  const format = useFormatter();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="versions">
        <thead>
          <tr><th>{t("version")}</th><th>{t("added")}</th><th>{t("source")}</th><th /></tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.id} aria-current={v.id === currentId ? "page" : undefined}>
              <td>
                {v.id === currentId ? <code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code> : (
                  <Link href={`/scenarios/${v.id}`}><code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code></Link>
                )}
              </td>
              <td><time dateTime={v.createdAt.toISOString()}>{format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time></td>
              <td>{v.source === "library" ? t("library") : t("uploaded")}</td>
              <td>
                <div className="row version-badges">
                  {i === 0 && <span className="badge ok">{t("newest")}</span>}
                  {v.id === currentId && <span className="badge neutral">{t("shown")}</span>}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
