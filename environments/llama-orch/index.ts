import { Environment } from '../environment';
import { llamaOrchDashboards } from './dashboards';
import { llamaOrch as spec } from './spec';

/** The llama-orch environment: its spec and its dashboards. */
export const llamaOrch: Environment = { spec, dashboards: llamaOrchDashboards };
