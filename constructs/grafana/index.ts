// Hand-written cdktf bindings for the grafana/grafana Terraform provider, pinned to 4.45.1.
// Attribute names were checked against grafana/terraform-provider-grafana docs/index.md and
// docs/resources/{data_source,folder,dashboard}.md (see the header of each file).

export * from './provider';
export * from './data-source';
export * from './folder';
export * from './dashboard';
