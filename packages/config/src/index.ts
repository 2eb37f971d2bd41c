export type {
  BillingConfig,
  Config,
  MailConfig,
  EncryptionKeySetting,
  LogLevel,
  NodeEnv,
  ShopifyConfig,
} from './config';
export { NodeEnvs } from './config';
export type { ConfigProblem } from './config-error';
export { ConfigError, formatProblems } from './config-error';
export type { ConfigVariableDescription } from './describe-config';
export { configTableMarkdown, describeConfig } from './describe-config';
export type { Environment } from './load-config';
export { DEV_ENCRYPTION_KEY_FILE, loadConfig } from './load-config';
export type { VariableName } from './variables';
