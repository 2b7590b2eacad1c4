// The linter's SYNTAX message starts with "line N, column M: "; the studio shows the position
// itself (translated), so it keeps only the explanation.
export function withoutPosition(message: string | undefined): string {
  return (message ?? "").replace(/^line \d+, column \d+: /, "");
}
