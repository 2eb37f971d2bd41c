import { DomainError, ErrorKinds } from '@dropship/core';

/** One thing wrong with one environment variable. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  purpose: string;
}

/**
 * Thrown by `loadConfig` when the environment cannot produce a valid
 * configuration. It carries every problem found, so one start-up attempt is
 * enough to learn everything that has to be fixed.
 */
export class ConfigError extends DomainError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(ErrorKinds.invalidInput, formatProblems(problems), { problems });
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }
}

/** The message of a ConfigError: a header, then one line per problem. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => `- ${p.variable}: ${p.problem}\n    purpose: ${p.purpose}`);
  return [
    `Configuration is invalid (${count}). Set these environment variables, then start again:`,
    ...lines,
  ].join('\n');
}
