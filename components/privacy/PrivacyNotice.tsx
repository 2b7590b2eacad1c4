// The public privacy notice, rendered from the live settings and the permission matrix.
import { ROLES } from "@/lib/auth/types";
import { accessTable, ROLE_LABELS, SCOPE_NOTES } from "@/lib/privacy/notice";
import type { TPrivacySettings } from "@/lib/privacy/settings";

export function PrivacyNotice({ settings }: { settings: TPrivacySettings }) {
  const org = settings.organisationName || "the organisation that runs this Readyroom";
  const rows = accessTable();
  return (
    <div className="stack privacy-notice">
      <div className="page-head">
        <div>
          <h1>Privacy</h1>
          <p className="lead">
            How {org} handles what you enter in tabletop exercises. This page is generated from the settings the system runs with, so it always states what it really does.
          </p>
        </div>
      </div>

      <section className="card" aria-labelledby="why">
        <h2 id="why">Why we collect it</h2>
        <p data-testid="purpose">{settings.purpose}</p>
      </section>

      <section className="card" aria-labelledby="what">
        <h2 id="what">What is collected</h2>
        <ul>
          <li>
            <strong>Named sessions:</strong> the display name you type, your team and role, your answers (free text and 1–5 ratings), your votes, and when you joined.
          </li>
          <li>
            <strong>Anonymous sessions:</strong> the same, under a random pseudonym such as “Amber Otter”. Nothing links it to you: no account, and no name you typed.
          </li>
          <li>
            <strong>Never stored:</strong> your IP address or your browser’s user agent, in any record or log of your answers.
          </li>
          <li>
            <strong>Staff accounts:</strong> email, name, role and last sign-in. Every view, export, change or deletion of session data, users or settings is recorded in an audit log.
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="how-long">
        <h2 id="how-long">How long it is kept</h2>
        <p>
          Raw responses (answers, who voted for what, and participant names or pseudonyms) are deleted{" "}
          <strong data-testid="retention-days">{`${settings.retentionDays} days`}</strong> after the session ends.
        </p>
        <p>
          Kept after that: the decisions each team made with their vote counts, team scores and paths, facilitator notes, after-action reports, and the session’s event log, which records ids only, never names or answer text.
        </p>
      </section>

      <section className="card" aria-labelledby="small-groups">
        <h2 id="small-groups">Small groups are hidden</h2>
        <p>
          A report breakdown is not shown for any group with fewer than <strong data-testid="min-group-size">{`${settings.minGroupSize} respondents`}</strong>, so small teams cannot be singled out. The report says when a breakdown is hidden and why.
        </p>
      </section>

      <section className="card" aria-labelledby="who">
        <h2 id="who">Who can see what</h2>
        <div className="table-scroll">
          <table className="table access-table" data-testid="access-table">
            <thead>
              <tr>
                <th scope="col">Data</th>
                {ROLES.map((role) => <th key={role} scope="col">{ROLE_LABELS[role]}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.resource} data-resource={row.resource}>
                  <th scope="row">
                    {row.label}
                    <div className="small muted">{row.what}</div>
                  </th>
                  {ROLES.map((role) => (
                    <td key={role} data-role={role}>{row.actions[role].length ? row.actions[role].join(", ") : <span className="muted">no access</span>}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="small">
          {ROLES.map((role) => <li key={role}><strong>{ROLE_LABELS[role]}:</strong> {SCOPE_NOTES[role]}</li>)}
        </ul>
      </section>

      <section className="card" aria-labelledby="rights">
        <h2 id="rights">Your data on request</h2>
        <ul>
          <li>
            <strong>Export:</strong> in a named session, use “Download my data” on the exercise page, on the device you joined with. Anonymous sessions have nothing to export: nothing links the answers to you.
          </li>
          <li>
            <strong>Erasure:</strong> ask the privacy contact below. An administrator deletes your answers, votes and name; the team’s vote counts are recomputed without you, and the erasure itself is recorded in the audit log.
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="contact">
        <h2 id="contact">Contact</h2>
        {settings.contactEmail ? (
          <p>
            Privacy questions and requests: <a href={`mailto:${settings.contactEmail}`} data-testid="contact-email">{settings.contactEmail}</a>
          </p>
        ) : (
          <p className="muted">No privacy contact has been set yet. Ask the facilitator of your session, who can reach an administrator.</p>
        )}
      </section>
    </div>
  );
}
