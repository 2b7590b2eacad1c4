"use client";
// The one confirmation used before consequential actions (deleting, deactivating, erasing).
// It is rendered in place, next to what it confirms, and takes keyboard focus when it opens:
// on its least harmful button, as WAI-ARIA's alert dialog pattern advises for destructive
// actions. Escape cancels. When it closes, focus goes back to whatever had it before
// (normally the button that opened it), so a keyboard user never lands at the top of the page.
import { useEffect, useId, useRef, type ReactNode } from "react";

export type ConfirmPanelProps = {
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  tone?: "danger" | "normal";
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
};

export function ConfirmPanel({ title, children, confirmLabel, cancelLabel, busy, tone = "danger", onConfirm, onCancel, testId }: ConfirmPanelProps) {
  const titleId = useId();
  const textId = useId();
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    return () => {
      // After a refresh the opener may have been replaced: fall back to nothing rather than throw.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <div
      className="confirm-panel"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <strong id={titleId}>{title}</strong>
      {children && <div id={textId} className="small">{children}</div>}
      <div className="row">
        <button type="button" className={`btn small ${tone === "danger" ? "danger" : ""}`} disabled={busy} onClick={onConfirm} data-testid={testId ? `${testId}-button` : undefined}>
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="btn secondary small" disabled={busy} onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
