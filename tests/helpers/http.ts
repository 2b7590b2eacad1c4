// Logs in through next-auth's real credentials endpoint, as a browser form would.
export type LoginResult = { status: number; cookie: string | null; error: string | null };

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

export async function loginViaHttp(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<LoginResult> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.includes("next-auth.session-token="));
  let error: string | null = null;
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  if (location.includes("error=")) error = new URL(location, baseUrl).searchParams.get("error");
  return { status: res.status, cookie: session ? [...jar, session].join("; ") : null, error };
}
