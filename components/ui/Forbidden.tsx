// The page a signed-in user sees when their role does not allow what they opened.
import Link from "next/link";

export function Forbidden({ what, reason }: { what: string; reason?: string }) {
  return (
    <main className="page">
      <div className="card empty" role="alert" data-testid="forbidden">
        <strong>You don&apos;t have access</strong>
        <p>{reason ?? `Your role cannot open ${what}. Ask an administrator if you need it.`}</p>
        <Link href="/" className="btn secondary">Back to the home page</Link>
      </div>
    </main>
  );
}
