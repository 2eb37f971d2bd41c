import { DomainError } from '@dropship/core';

/** Failures raised by the HTTP layer itself (unknown route, port in use, …). */
export class ServerError extends DomainError {}
