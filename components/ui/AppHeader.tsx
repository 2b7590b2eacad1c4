import Link from "next/link";
import type { SessionUser } from "@/lib/auth/types";
import { SignOutButton } from "@/components/auth/SignOutButton";

const NAV: Record<SessionUser["role"], Array<{ href: string; label: string }>> = {
  ADMIN: [{ href: "/", label: "Home" }, { href: "/scenarios", label: "Scenarios" }],
  FACILITATOR: [{ href: "/", label: "Exercises" }, { href: "/scenarios", label: "Scenarios" }],
  MANAGER: [{ href: "/", label: "Reports" }, { href: "/scenarios", label: "Scenarios" }],
  PARTICIPANT: [{ href: "/join", label: "Join a session" }],
};

export function AppHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="app-header">
      <div className="inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden>R</span> Readyroom
        </Link>
        <nav className="nav" aria-label="Main">
          {(user ? NAV[user.role] : [{ href: "/join", label: "Join a session" }]).map((item) => (
            <Link key={item.href} href={item.href}>{item.label}</Link>
          ))}
          <Link href="/privacy">Privacy</Link>
        </nav>
        <div className="user-menu">
          {user ? (
            <>
              <span data-testid="current-user">{user.name ?? user.email} · {user.role.toLowerCase()}</span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login" className="btn secondary">Sign in</Link>
          )}
        </div>
      </div>
    </header>
  );
}
