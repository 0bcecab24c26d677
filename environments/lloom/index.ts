import { Environment } from '../environment';
import { lloomDashboards } from './dashboards';
import { lloom as spec } from './spec';

/** The lloom environment: its spec and its dashboards. */
export const lloom: Environment = { spec, dashboards: lloomDashboards };
