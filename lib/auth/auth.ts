import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SignInFailure, verifyCredentials, type SignInFailureCode } from "@/lib/auth/sign-in";
import { revokeSession } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";
import { CLIENT_IP_HEADER, normalizeIp } from "@/lib/http/client-address.mjs";

/**
 * The failure code reaches the sign-in page as `?code=`; it names no account detail. The sign-in
 * action shows `userMessage`, which may name the wait.
 */
export class SignInRefused extends CredentialsSignin {
  readonly failureCode: SignInFailureCode;
  readonly userMessage: string;

  constructor(failure: SignInFailure) {
    super();
    this.code = failure.code;
    this.failureCode = failure.code;
    this.userMessage = failure.message;
  }
}

/**
 * The client address as scripts/server.mjs decided it from the socket (and X-Forwarded-For only
 * behind a TRUSTED_PROXIES proxy); it overwrites this header on every request. Forwarding headers
 * are never read here.
 */
export function clientIp(headers: Headers): string {
  return normalizeIp(headers.get(CLIENT_IP_HEADER)) ?? "unknown";
}

/**
 * Auth.js stays behind lib/auth, so replacing it touches one folder. The JWT carries only the user id, the session
 * row id and the user's session version; lib/auth/session.ts re-reads everything else.
 * The config is built per request so that a missing AUTH_SECRET refuses to serve.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_HOURS * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: { label: "用户名" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, request) {
        try {
          const ref = await verifyCredentials({ username: credentials?.username, password: credentials?.password }, clientIp(request.headers));
          return { id: ref.userId, sessionId: ref.sessionId, sessionVersion: ref.sessionVersion };
        } catch (error) {
          if (error instanceof SignInFailure) throw new SignInRefused(error);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as { id: string; sessionId: string; sessionVersion: number };
        return { sub: signedIn.id, sid: signedIn.sessionId, sv: signedIn.sessionVersion };
      }
      return token;
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? "" },
        sessionId: typeof token.sid === "string" ? token.sid : "",
        sessionVersion: typeof token.sv === "number" ? token.sv : -1,
      } as unknown as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token || typeof token.sid !== "string" || typeof token.sub !== "string") return;
      await revokeSession(token.sid);
      const user = await db.user.findUnique({ where: { id: token.sub }, select: { id: true, displayName: true, role: true } });
      if (user) {
        await recordAudit(
          db,
          { userId: user.id, displayName: user.displayName, role: user.role, ip: null },
          {
            action: "auth.signOut",
            entityType: "User",
            entityId: user.id,
          },
        );
      }
    },
  },
}));
