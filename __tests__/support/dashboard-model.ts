import { fromTerraformLiteral, resourcesOfType, TfJson } from './synth';

/** The parts of Grafana's dashboard model the tests read, as the deploy sends it. */
export interface Target {
  expr: string;
  refId: string;
  datasource?: { type?: string; uid?: string };
  queryType?: string;
  editorMode?: string;
}
export interface Panel {
  id: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig?: { defaults?: { unit?: string } };
  panels?: Panel[];
}
export interface Variable {
  name: string;
  type: string;
  label?: string;
  query: string;
  datasource?: { type?: string; uid?: string };
  multi: boolean;
  includeAll: boolean;
  allValue?: string;
  refresh: number;
}
export interface DashboardModel {
  uid: string;
  title: string;
  description?: string;
  editable: boolean;
  tags: string[];
  panels: Panel[];
  templating: { list?: Variable[] };
}

/** The dashboard models as Grafana receives them (Terraform's $${ and %%{ escapes undone). */
export function dashboardsOf(json: TfJson): Array<{ resource: Record<string, any>; model: DashboardModel }> {
  return resourcesOfType(json, 'grafana_dashboard').map((resource) => ({
    resource,
    model: JSON.parse(fromTerraformLiteral(resource.config_json as string)) as DashboardModel,
  }));
}
