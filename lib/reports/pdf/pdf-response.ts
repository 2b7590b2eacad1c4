// The HTTP answer of a PDF export: the file as an attachment, or, when the render queue is full
// (render-gate.ts), 503 PDF_BUSY with Retry-After at once instead of holding the request for
// minutes. Shared by the AAR's and the drill report's PDF routes.
import { errorResponse } from "@/lib/http/route";
import { DomainError } from "@/lib/errors/domain-error";
import { PdfBusyError } from "./render-gate";

/** Renders and answers; `onRendered` runs only when there is a file (the caller audits the export there). */
export async function pdfResponse(render: () => Promise<Buffer>, fileName: string, onRendered: (pdf: Buffer) => Promise<void>): Promise<Response> {
  let pdf: Buffer;
  try {
    pdf = await render();
  } catch (e) {
    if (!PdfBusyError.is(e)) throw e;
    const busy = errorResponse(new DomainError("PDF_BUSY", `The PDF renderer is busy with other reports; try again in ${e.retryAfterSeconds} s.`));
    busy.headers.set("retry-after", String(e.retryAfterSeconds));
    busy.headers.set("cache-control", "no-store");
    return busy;
  }
  await onRendered(pdf);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
