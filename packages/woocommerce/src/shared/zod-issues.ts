import type { z } from 'zod';

/** One readable line per problem: `site_url: Invalid URL; type: Invalid option`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
