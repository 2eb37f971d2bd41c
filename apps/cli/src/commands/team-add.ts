import { randomBytes } from 'node:crypto';
import type { Config } from '@dropship/config';
import { ErrorKinds } from '@dropship/core';
import type { TeamRole } from '@dropship/core';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@dropship/server';
import type { Logger } from 'pino';
import type { CliIo } from '../cli-io';
import { createCloseStack } from '../compose/close-stack';
import { openStorage } from '../compose/storage';
import { CliError } from '../errors';

export interface TeamAddParams {
  email: string;
  role: TeamRole;
}

function passwordFrom(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined || given === '')
    return { password: randomBytes(18).toString('base64url'), generated: true };
  if (given.length < MIN_PASSWORD_LENGTH) {
    throw new CliError(
      ErrorKinds.invalidInput,
      `TEAM_MEMBER_PASSWORD is too short: use at least ${MIN_PASSWORD_LENGTH} characters, or leave it unset to get a generated one.`,
    );
  }
  return { password: given, generated: false };
}

/**
 * Adds a dropship team member, or resets an existing member's password and
 * role. The password never appears on the command line (shell history, ps).
 */
export async function teamAdd(
  params: TeamAddParams,
  givenPassword: string | undefined,
  config: Config,
  log: Logger,
  io: CliIo,
): Promise<number> {
  const { password, generated } = passwordFrom(givenPassword);
  const closers = createCloseStack(log);
  try {
    const { repositories: repos } = await openStorage(config, log, closers, { migrate: false });
    const passwordHash = await hashPassword(password);
    const existing = await repos.team.findByEmail(params.email);
    if (existing) {
      await repos.team.update(existing.id, { role: params.role, passwordHash, disabledAt: null });
      io.out(`Team member ${existing.email} updated: role ${params.role}, new password.`);
    } else {
      const member = await repos.team.create({ email: params.email, role: params.role, passwordHash });
      io.out(`Team member ${member.email} added with role ${params.role}.`);
    }
    if (generated) io.out(`Password (shown once, store it now): ${password}`);
    io.out('Sign in at /ops/sign-in.');
    return 0;
  } finally {
    await closers.closeAll();
  }
}
