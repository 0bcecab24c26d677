import { Environment } from '../environment';
import { osmenDashboards } from './dashboards';
import { osmen as spec } from './spec';

/** The osmen environment: its spec and its dashboards. */
export const osmen: Environment = { spec, dashboards: osmenDashboards };
