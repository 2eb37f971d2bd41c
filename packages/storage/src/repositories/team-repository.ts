import type { TeamMember, TeamMemberPatch, TeamRepository, TeamRole, TeamSession } from '@dropship/core';
import { newId, str, toColumns } from './context';
import type { ColumnSpec, RepositoryContext, Row } from './context';

const MEMBERS = 'team_members';
const SESSIONS = 'team_sessions';

const memberColumns: ColumnSpec<TeamMemberPatch> = {
  role: ['role', 'value'],
  passwordHash: ['password_hash', 'value'],
  disabledAt: ['disabled_at', 'date'],
};

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function createTeamRepository(ctx: RepositoryContext): TeamRepository {
  const { knex, codec } = ctx;

  const toMember = (row: Row): TeamMember => ({
    id: str(row.id),
    email: str(row.email),
    role: str(row.role) as TeamRole,
    passwordHash: str(row.password_hash),
    disabledAt: codec.readDateOrNull(row.disabled_at),
    createdAt: codec.readDate(row.created_at),
    updatedAt: codec.readDate(row.updated_at),
  });

  const toSession = (row: Row): TeamSession => ({
    tokenHash: str(row.token_hash),
    memberId: str(row.member_id),
    csrfToken: str(row.csrf_token),
    createdAt: codec.readDate(row.created_at),
    expiresAt: codec.readDate(row.expires_at),
  });

  const findMember = async (where: Row): Promise<TeamMember | null> => {
    const row = (await knex(MEMBERS).where(where).first()) as Row | undefined;
    return row ? toMember(row) : null;
  };

  return {
    async create(params) {
      const at = params.createdAt ?? new Date();
      const member: TeamMember = {
        id: newId(),
        email: normaliseEmail(params.email),
        role: params.role,
        passwordHash: params.passwordHash,
        disabledAt: null,
        createdAt: at,
        updatedAt: at,
      };
      await knex(MEMBERS).insert({
        id: member.id,
        email: member.email,
        role: member.role,
        password_hash: member.passwordHash,
        disabled_at: null,
        created_at: codec.date(at),
        updated_at: codec.date(at),
      });
      return member;
    },
    findById: (id) => findMember({ id }),
    findByEmail: (email) => findMember({ email: normaliseEmail(email) }),
    async list() {
      const rows = (await knex(MEMBERS).orderBy('email')) as Row[];
      return rows.map(toMember);
    },
    async update(id, patch) {
      const columns = toColumns(codec, memberColumns, patch);
      const updated = await knex(MEMBERS)
        .where({ id })
        .update({ ...columns, updated_at: codec.date(new Date()) });
      return updated > 0 ? findMember({ id }) : null;
    },
    async createSession(session) {
      await knex(SESSIONS).insert({
        token_hash: session.tokenHash,
        member_id: session.memberId,
        csrf_token: session.csrfToken,
        created_at: codec.date(session.createdAt),
        expires_at: codec.date(session.expiresAt),
      });
    },
    async findSession(tokenHash, now) {
      const row = (await knex(SESSIONS)
        .where({ token_hash: tokenHash })
        .where('expires_at', '>', codec.date(now))
        .first()) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async deleteSession(tokenHash) {
      return (await knex(SESSIONS).where({ token_hash: tokenHash }).delete()) > 0;
    },
    async deleteExpiredSessions(now) {
      return knex(SESSIONS).where('expires_at', '<=', codec.date(now)).delete();
    },
  };
}
