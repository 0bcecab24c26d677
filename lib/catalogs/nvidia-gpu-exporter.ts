/**
 * utkuozdemir/nvidia_gpu_exporter (nvidia-smi based, default port 9835).
 * Verified against utkuozdemir/nvidia_gpu_exporter docs/METRICS.md and the expected exposition
 * internal/integration/testdata/linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05__load.metrics.
 *
 * Query fields are auto-discovered, so the exact set depends on GPU and driver; a field `a.b [unit]` becomes
 * `nvidia_smi_a_b_<unit>` with MiB -> bytes, MHz -> hz, % -> ratio (0..1). Per-GPU series carry only `uuid`;
 * identity labels live on nvidia_smi_gpu_info (join on uuid).
 */
import type { MetricCatalog } from './types';

const U = ['uuid'];

export const nvidiaGpuExporter: MetricCatalog = [
  {
    name: 'nvidia_smi_gpu_info',
    type: 'gauge',
    labels: ['uuid', 'name', 'driver_model_current', 'driver_model_pending', 'vbios_version', 'driver_version', 'pci_bus_id', 'serial', 'compute_cap', 'pci_sub_device_id', 'index', 'cuda_version'],
    help: 'A metric with a constant \'1\' value labeled by gpu uuid, name, driver_model_current, driver_model_pending, vbios_version, driver_version, ...',
  },
  { name: 'nvidia_smi_utilization_gpu_ratio', type: 'gauge', labels: U, help: 'utilization.gpu [%]' },
  { name: 'nvidia_smi_utilization_memory_ratio', type: 'gauge', labels: U, help: 'utilization.memory [%]' },
  { name: 'nvidia_smi_utilization_encoder_ratio', type: 'gauge', labels: U, help: 'utilization.encoder [%]' },
  { name: 'nvidia_smi_utilization_decoder_ratio', type: 'gauge', labels: U, help: 'utilization.decoder [%]' },
  { name: 'nvidia_smi_memory_total_bytes', type: 'gauge', labels: U, help: 'memory.total [MiB]' },
  { name: 'nvidia_smi_memory_used_bytes', type: 'gauge', labels: U, help: 'memory.used [MiB]' },
  { name: 'nvidia_smi_memory_free_bytes', type: 'gauge', labels: U, help: 'memory.free [MiB]' },
  { name: 'nvidia_smi_memory_reserved_bytes', type: 'gauge', labels: U, help: 'memory.reserved [MiB]' },
  { name: 'nvidia_smi_temperature_gpu', type: 'gauge', labels: U, help: 'temperature.gpu' },
  { name: 'nvidia_smi_temperature_memory', type: 'gauge', labels: U, help: 'temperature.memory (HBM GPUs only)' },
  { name: 'nvidia_smi_power_draw_watts', type: 'gauge', labels: U, help: 'power.draw [W]' },
  { name: 'nvidia_smi_power_limit_watts', type: 'gauge', labels: U, help: 'power.limit [W]' },
  { name: 'nvidia_smi_enforced_power_limit_watts', type: 'gauge', labels: U, help: 'enforced.power.limit [W]' },
  { name: 'nvidia_smi_power_default_limit_watts', type: 'gauge', labels: U, help: 'power.default_limit [W]' },
  { name: 'nvidia_smi_fan_speed_ratio', type: 'gauge', labels: U, help: 'fan.speed [%]' },
  { name: 'nvidia_smi_pstate', type: 'gauge', labels: U, help: 'pstate (0 = P0 maximum performance ... 15)' },
  { name: 'nvidia_smi_clocks_current_graphics_clock_hz', type: 'gauge', labels: U, help: 'clocks.current.graphics [MHz]' },
  { name: 'nvidia_smi_clocks_current_sm_clock_hz', type: 'gauge', labels: U, help: 'clocks.current.sm [MHz]' },
  { name: 'nvidia_smi_clocks_current_memory_clock_hz', type: 'gauge', labels: U, help: 'clocks.current.memory [MHz]' },
  { name: 'nvidia_smi_clocks_max_graphics_clock_hz', type: 'gauge', labels: U, help: 'clocks.max.graphics [MHz]' },
  { name: 'nvidia_smi_pcie_link_gen_current', type: 'gauge', labels: U, help: 'pcie.link.gen.current' },
  { name: 'nvidia_smi_pcie_link_width_current', type: 'gauge', labels: U, help: 'pcie.link.width.current' },
  { name: 'nvidia_smi_encoder_stats_session_count', type: 'gauge', labels: U, help: 'encoder.stats.sessionCount' },
  // exporter health (no uuid label)
  { name: 'nvidia_smi_command_exit_code', type: 'gauge', labels: [], help: 'Exit code of the most recent nvidia-smi run' },
  { name: 'nvidia_smi_failed_scrapes_total', type: 'counter', labels: [], help: 'Number of failed collections' },
  { name: 'nvidia_smi_last_collect_success', type: 'gauge', labels: [], help: 'Whether the most recent collection succeeded (1) or not (0)' },
];
