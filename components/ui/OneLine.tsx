// A long text shown on one line, cut with an ellipsis; a click (or Enter) wraps it in full.
// A native <details>, so it works without JavaScript and with the keyboard and screen readers.
export function OneLine({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <details className="one-line" data-testid={testId}>
      <summary title={label}>
        <span className="one-line-text">{text}</span>
      </summary>
    </details>
  );
}
