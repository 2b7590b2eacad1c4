import type { Metadata, Viewport } from "next";
import "./globals.css";
import { AppHeader } from "@/components/ui/AppHeader";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: { default: "Readyroom", template: "%s · Readyroom" },
  description: "Incident tabletop exercises for security, privacy and compliance teams",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  return (
    <html lang="en">
      <body>
        <AppHeader user={session?.user ?? null} />
        {children}
      </body>
    </html>
  );
}
