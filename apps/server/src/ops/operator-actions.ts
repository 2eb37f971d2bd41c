import { ErrorKinds } from '@dropship/core';
import type { Clock, Repositories } from '@dropship/core';
import type { Queues } from '@dropship/queues';
import { ServerError } from '../errors';
import { retryFailedJob } from './lifecycle/lifecycle-jobs';
import type { JobSnapshot } from './lifecycle/lifecycle-jobs';
import type { TeamPrincipal } from './team/team-auth';

export interface OperatorActionDeps {
  repos: Repositories;
  queues: Pick<Queues, 'lifecycle'>;
  clock: Clock;
}

const actorOf = (principal: TeamPrincipal) => ({
  actorType: 'team' as const,
  actorId: principal.memberId ?? principal.name,
});

/** Retries a failed lifecycle job and records who did it on the store's timeline. */
export async function retryLifecycleJob(
  deps: OperatorActionDeps,
  principal: TeamPrincipal,
  jobId: string,
  correlationId: string | null,
): Promise<JobSnapshot> {
  const job = await deps.queues.lifecycle.getJob(jobId);
  const storeId = typeof job?.data?.storeId === 'string' ? (job.data.storeId as string) : null;
  const snapshot = await retryFailedJob(deps.queues.lifecycle, jobId);
  await deps.repos.audit.append({
    at: deps.clock.now(),
    ...actorOf(principal),
    action: 'ops.lifecycle_job.retried',
    entityType: 'store',
    entityId: storeId,
    details: { jobId, jobName: snapshot.name, by: principal.name },
    correlationId,
  });
  return snapshot;
}

/** Marks an open refund or invoice-adjustment request done; CONFLICT when it was already handled. */
export async function markBillingRequestHandled(
  deps: OperatorActionDeps,
  principal: TeamPrincipal,
  requestId: string,
  correlationId: string | null,
): Promise<{ id: string; status: string }> {
  const request = await deps.repos.billingRequests.findById(requestId);
  if (!request) {
    throw new ServerError(ErrorKinds.notFound, `No billing request "${requestId}". Reload the page.`);
  }
  if (request.status !== 'open') {
    throw new ServerError(
      ErrorKinds.conflict,
      `Billing request "${requestId}" is already ${request.status}. Reload the page.`,
    );
  }
  await deps.repos.billingRequests.setStatus(requestId, 'done');
  await deps.repos.audit.append({
    at: deps.clock.now(),
    ...actorOf(principal),
    action: 'ops.billing_request.handled',
    entityType: 'subscription',
    entityId: request.subscriptionId,
    details: { requestId, kind: request.kind, invoiceNumber: request.invoiceNumber, by: principal.name },
    correlationId,
  });
  return { id: requestId, status: 'done' };
}
