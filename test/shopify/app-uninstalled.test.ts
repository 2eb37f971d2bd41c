import { describeUninstallScenarios } from './support/uninstall-scenarios';

describeUninstallScenarios('sqlite');
