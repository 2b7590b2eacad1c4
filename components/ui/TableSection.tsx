// A titled section holding one wide table: the table scrolls sideways inside its wrapper on a
// phone instead of the whole page. Shared by report-style tables (AAR, improvement ledger).
import type { CSSProperties, ReactNode } from "react";

export function TableSection({
  id,
  testId,
  title,
  hint,
  className,
  style,
  tableClassName,
  head,
  children,
}: {
  /** Heading id; the section is labelled by it when given. */
  id?: string;
  testId: string;
  title: ReactNode;
  hint?: ReactNode;
  className?: string;
  style?: CSSProperties;
  tableClassName: string;
  /** The header row(s). */
  head: ReactNode;
  /** The body rows. */
  children: ReactNode;
}) {
  return (
    <section className={className} style={style} aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {hint && <p className="small muted">{hint}</p>}
      <div className="table-scroll">
        <table className={tableClassName}>
          <thead>{head}</thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}
