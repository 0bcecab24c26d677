import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardSources } from '../model/dashboards/common';
import { EnvironmentSpec } from './spec';

/** Builds an environment's dashboard models, their queries bound to the given data sources. */
export type DashboardSet = (sources: DashboardSources) => dashboard.Dashboard[];

/** One environment: its spec (data, validated whole) and its dashboards. */
export interface Environment {
  readonly spec: EnvironmentSpec;
  readonly dashboards: DashboardSet;
}
