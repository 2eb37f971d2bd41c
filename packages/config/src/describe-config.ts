import { variables } from './variables';

/** One row of the configuration reference. */
export interface ConfigVariableDescription {
  variable: string;
  default: string;
  requiredInProduction: boolean;
  purpose: string;
}

/** Every variable with its default and purpose, in documentation order. */
export function describeConfig(): ConfigVariableDescription[] {
  return Object.entries(variables).map(([variable, spec]) => ({
    variable,
    default: spec.default,
    requiredInProduction: spec.requiredInProduction,
    purpose: spec.purpose,
  }));
}

/** The same table as Markdown, for the README. */
export function configTableMarkdown(): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const rows = describeConfig().map(
    (row) =>
      `| \`${row.variable}\` | ${escape(row.default)} | ${row.requiredInProduction ? 'yes' : 'no'} | ${escape(row.purpose)} |`,
  );
  return ['| Variable | Default | Required in production | Purpose |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}
