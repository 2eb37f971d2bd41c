import { DomainError } from '@dropship/core';

/** A start-up failure the launcher reports in one line and exits 1 for. */
export class CliError extends DomainError {}
