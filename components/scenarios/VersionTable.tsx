// Every stored version of one scenario, newest first, identified by its content hash.
import Link from "next/link";

type Version = { id: string; contentHash: string; createdAt: Date; source: string };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function VersionTable({ versions, currentId }: { versions: Version[]; currentId: string }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="versions">
        <thead>
          <tr><th>Version</th><th>Added (UTC)</th><th>Source</th><th /></tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.id} aria-current={v.id === currentId ? "page" : undefined}>
              <td>
                {v.id === currentId ? <code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code> : (
                  <Link href={`/scenarios/${v.id}`}><code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code></Link>
                )}
              </td>
              <td>{DATE.format(v.createdAt)}</td>
              <td>{v.source === "library" ? "Bundled library" : "Uploaded"}</td>
              <td>
                <div className="row version-badges">
                  {i === 0 && <span className="badge ok">newest</span>}
                  {v.id === currentId && <span className="badge neutral">shown</span>}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
