// next-auth configuration: credentials against database users (Argon2id hashes),
// plus an optional OIDC provider from the environment. Sessions are signed JWT cookies
// carrying the user id and a session version; role, status and the version are read from
// the database per request, so signing out (which raises the version) ends the cookie everywhere.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { admitLogin, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/login-throttle";
import { clientAddress } from "@/lib/http/client-address";
import { currentSessionVersion, endUserSessions, SESSION_VERSION_CLAIM } from "@/lib/auth/session";

export const RATE_LIMITED = "RATE_LIMITED";
export const INVALID_LOGIN = "INVALID_LOGIN";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

async function authorizeCredentials(raw: unknown, headers: Record<string, unknown> | undefined) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) throw new Error(INVALID_LOGIN);
  const { email, password } = parsed.data;
  const address = clientAddress(headers);
  const gate = await admitLogin(email, address);
  if (!gate.ok) throw new Error(RATE_LIMITED);
  if (gate.delayMs) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));

  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.active || !user.passwordHash || !ok) {
    await recordLoginFailure(email, address);
    throw new Error(INVALID_LOGIN);
  }
  await recordLoginSuccess(email, address);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

function oidcProvider(): NextAuthOptions["providers"] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: process.env.OIDC_NAME || "Single sign-on",
      type: "oauth",
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile(p: { sub: string; email?: string; name?: string }) {
        return { id: p.sub, email: p.email ?? null, name: p.name ?? null };
      },
    },
  ];
}

/** Finds or creates the user behind an OIDC identity and links the account. */
async function linkOidcUser(providerAccountId: string, email: string, name: string | null): Promise<string | null> {
  const prisma = getPrisma();
  const linked = await prisma.account.findUnique({
    where: { provider_providerAccountId: { provider: "oidc", providerAccountId } },
  });
  if (linked) return linked.userId;
  const user =
    (await prisma.user.findUnique({ where: { email: email.toLowerCase() } })) ??
    (await prisma.user.create({ data: { email: email.toLowerCase(), name, role: "PARTICIPANT" } }));
  if (!user.active) return null;
  await prisma.account.create({ data: { userId: user.id, type: "oidc", provider: "oidc", providerAccountId } });
  return user.id;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers as Record<string, unknown>),
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        const id = await linkOidcUser(account.providerAccountId, user.email, user.name ?? null);
        if (!id) return false;
        user.id = id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          // The cookie is valid only while this matches the user's version (getSession()).
          token[SESSION_VERSION_CLAIM] = await currentSessionVersion(user.id);
        }
        return token;
      },
    },
    events: {
      // Signing out ends the session on the server too, not only in this browser.
      async signOut({ token }) {
        if (token?.sub) await endUserSessions(token.sub);
      },
    },
  };
}
