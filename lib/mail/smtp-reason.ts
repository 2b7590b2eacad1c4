// How an SMTP refusal reads where it is stored and shown (the drill page's delivery problems).
/**
 * An SMTP reply as stored: the server's reply already starts with its code ("550 5.1.1 …"),
 * so the code is added only when the reply lacks it. Rows stored before this rule carry the
 * code twice; `readableReason` shows them once.
 */
export function smtpReason(code: number, reply: string): string {
  return new RegExp(`^${code}\\b`).test(reply.trimStart()) ? reply.trimStart() : `${code} ${reply}`;
}

/** A stored failure reason with a repeated leading SMTP code ("550 550 5.1.1 …") shown once. */
export function readableReason(reason: string): string {
  return reason.replace(/^(\d{3}) \1\b/, "$1");
}
