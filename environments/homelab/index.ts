import { Environment } from '../environment';
import { homelabDashboards } from './dashboards';
import { homelab as spec } from './spec';

/** The homelab environment: its spec and its dashboards. */
export const homelab: Environment = { spec, dashboards: homelabDashboards };
