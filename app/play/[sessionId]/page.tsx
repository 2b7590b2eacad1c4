import type { Metadata } from "next";
import { PlayView } from "@/components/live/PlayView";

export const metadata: Metadata = { title: "Exercise" };

export default async function PlayPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return (
    <main className="play">
      <PlayView sessionId={sessionId} />
    </main>
  );
}
