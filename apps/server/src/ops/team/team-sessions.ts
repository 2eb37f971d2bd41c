import type { Clock, TeamMember, TeamRepository } from '@dropship/core';
import { randomToken, sha256Hex } from '../../http/secret-tokens';
import { verifyPassword } from './password';

export const TEAM_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface TeamSessionsDeps {
  team: TeamRepository;
  clock: Clock;
  ttlMs?: number;
}

export type SignInResult =
  | { ok: true; token: string; member: TeamMember; expiresAt: Date }
  | { ok: false; reason: 'invalid_credentials' };

export interface ResolvedSession {
  member: TeamMember;
  csrfToken: string;
  tokenHash: string;
}

// Checked against when the e-mail is unknown, so a wrong e-mail costs as much as a wrong password.
const DECOY_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(64).toString('base64url')}`;

/**
 * Team sign-in backed by the database: a session made by one server process
 * is honoured by every other. The cookie carries a random token; the table
 * keeps only its SHA-256.
 */
export function createTeamSessions(deps: TeamSessionsDeps) {
  const ttlMs = deps.ttlMs ?? TEAM_SESSION_TTL_MS;

  async function signIn(email: string, password: string): Promise<SignInResult> {
    const member = await deps.team.findByEmail(email);
    const matches = await verifyPassword(password, member?.passwordHash ?? DECOY_HASH);
    if (!member || !matches || member.disabledAt !== null)
      return { ok: false, reason: 'invalid_credentials' };
    const token = randomToken();
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await deps.team.deleteExpiredSessions(now);
    await deps.team.createSession({
      tokenHash: sha256Hex(token),
      memberId: member.id,
      csrfToken: randomToken(),
      createdAt: now,
      expiresAt,
    });
    return { ok: true, token, member, expiresAt };
  }

  async function resolve(token: string): Promise<ResolvedSession | null> {
    const tokenHash = sha256Hex(token);
    const session = await deps.team.findSession(tokenHash, deps.clock.now());
    if (!session) return null;
    const member = await deps.team.findById(session.memberId);
    if (!member || member.disabledAt !== null) return null;
    return { member, csrfToken: session.csrfToken, tokenHash };
  }

  async function signOut(token: string): Promise<void> {
    await deps.team.deleteSession(sha256Hex(token));
  }

  return { signIn, resolve, signOut, ttlMs };
}

export type TeamSessions = ReturnType<typeof createTeamSessions>;
