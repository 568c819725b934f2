/** A signed-in session, as a browser holds it. */
export interface Session {
  email: string;
  /** the Cookie header value */
  cookie: string;
  /** for writes (x-csrf-token) */
  csrfToken: string;
}

/** Signs in through POST /api/v1/session, as the web app does. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`Sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('casebook_session='));
  if (!cookie) throw new Error('The sign-in set no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { email, cookie, csrfToken };
}
