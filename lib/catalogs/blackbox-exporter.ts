/**
 * prometheus/blackbox_exporter v0.2x (default port 9115).
 * Verified against prometheus/blackbox_exporter prober/{prober,http,dns,icmp,tls}.go.
 *
 * probe_* series come from /probe?target=...&module=... (usually scraped with relabelling so that `instance`
 * is the probed target); which ones appear depends on the module's prober (http, tcp, dns, icmp, grpc).
 * blackbox_* series come from the exporter's own /metrics.
 */
import type { MetricCatalog } from './types';

export const blackboxExporter: MetricCatalog = [
  // every prober
  { name: 'probe_success', type: 'gauge', labels: [], help: 'Displays whether or not the probe was a success' },
  { name: 'probe_duration_seconds', type: 'gauge', labels: [], help: 'Returns how long the probe took to complete in seconds' },
  { name: 'probe_dns_lookup_time_seconds', type: 'gauge', labels: [], help: 'Returns the time taken for probe dns lookup in seconds' },
  { name: 'probe_ip_protocol', type: 'gauge', labels: [], help: 'Specifies whether probe ip protocol is IP4 or IP6' },
  { name: 'probe_ip_addr_hash', type: 'gauge', labels: [], help: 'Specifies the hash of IP address. It\'s useful to detect if the IP address changes.' },
  // http
  { name: 'probe_http_status_code', type: 'gauge', labels: [], help: 'Response HTTP status code' },
  { name: 'probe_http_duration_seconds', type: 'gauge', labels: ['phase'], help: 'Duration of http request by phase, summed over all redirects' },
  { name: 'probe_http_content_length', type: 'gauge', labels: [], help: 'Length of http content response' },
  { name: 'probe_http_uncompressed_body_length', type: 'gauge', labels: [], help: 'Length of uncompressed response body' },
  { name: 'probe_http_redirects', type: 'gauge', labels: [], help: 'The number of redirects' },
  { name: 'probe_http_ssl', type: 'gauge', labels: [], help: 'Indicates if SSL was used for the final redirect' },
  { name: 'probe_http_version', type: 'gauge', labels: [], help: 'Returns the version of HTTP of the probe response' },
  { name: 'probe_http_last_modified_timestamp_seconds', type: 'gauge', labels: [], help: 'Returns the Last-Modified HTTP response header in unixtime' },
  { name: 'probe_failed_due_to_regex', type: 'gauge', labels: [], help: 'Indicates if probe failed due to regex' },
  // TLS (http with https, tcp with tls)
  { name: 'probe_ssl_earliest_cert_expiry', type: 'gauge', labels: [], help: 'Returns last SSL chain expiry in unixtime' },
  { name: 'probe_ssl_last_chain_expiry_timestamp_seconds', type: 'gauge', labels: [], help: 'Returns last SSL chain expiry in timestamp' },
  { name: 'probe_ssl_last_chain_info', type: 'gauge', labels: ['fingerprint_sha256', 'issuer', 'serialnumber', 'subject', 'subjectalternative'], help: 'Contains SSL leaf certificate information' },
  { name: 'probe_tls_version_info', type: 'gauge', labels: ['version'], help: 'Returns the TLS version used or NaN when unknown' },
  // icmp
  { name: 'probe_icmp_duration_seconds', type: 'gauge', labels: ['phase'], help: 'Duration of icmp request by phase' },
  { name: 'probe_icmp_reply_hop_limit', type: 'gauge', labels: [], help: 'Replied packet hop limit (TTL for ipv4)' },
  // dns
  { name: 'probe_dns_answer_rrs', type: 'gauge', labels: [], help: 'Returns number of entries in the answer resource record list' },
  { name: 'probe_dns_rcode', type: 'gauge', labels: [], help: 'Returns the rcode of the dns response' },
  // exporter's own /metrics
  { name: 'blackbox_exporter_config_last_reload_successful', type: 'gauge', labels: [], help: 'Blackbox exporter config loaded successfully.' },
  { name: 'blackbox_exporter_config_last_reload_success_timestamp_seconds', type: 'gauge', labels: [], help: 'Timestamp of the last successful configuration reload.' },
  { name: 'blackbox_module_unknown_total', type: 'counter', labels: [], help: 'Count of unknown modules requested by probes' },
  { name: 'blackbox_exporter_build_info', type: 'gauge', labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], help: 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which blackbox_exporter was built, and the goos and goarch for the build.' },
  // Generated from Debian's prometheus-blackbox-exporter 0.23 /metrics on this machine
  { name: 'net_conntrack_dialer_conn_attempted_total', type: 'counter', labels: ['dialer_name'], help: 'Total number of connections attempted by the given dialer a given name.' },
  { name: 'net_conntrack_dialer_conn_closed_total', type: 'counter', labels: ['dialer_name'], help: 'Total number of connections closed which originated from the dialer of a given name.' },
  { name: 'net_conntrack_dialer_conn_established_total', type: 'counter', labels: ['dialer_name'], help: 'Total number of connections successfully established by the given dialer a given name.' },
  { name: 'net_conntrack_dialer_conn_failed_total', type: 'counter', labels: ['dialer_name', 'reason'], help: 'Total number of connections failed to dial by the dialer a given name.' },
];
