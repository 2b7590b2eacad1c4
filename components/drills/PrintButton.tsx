"use client";
// Prints the page (the report's print stylesheet hides the navigation and buttons).
export function PrintButton({ label }: { label: string }) {
  return <button type="button" className="btn secondary" onClick={() => window.print()} data-testid="print-report">{label}</button>;
}
