/**
 * NVIDIA/dcgm-exporter 3.x with its default collector file etc/default-counters.csv (default port 9400).
 * Verified against NVIDIA/dcgm-exporter etc/default-counters.csv (field, Prometheus type, help).
 *
 * Metric names are the DCGM field identifiers, upper case, without a `_total` suffix even for counters.
 * Every series carries gpu (index), UUID, device (nvidiaN), modelName and Hostname; recent 3.3.x releases add
 * pci_bus_id and DCGM_FI_DRIVER_VERSION, and in Kubernetes pod-attribution mode container/namespace/pod.
 * DCGM_FI_PROF_* fields need a datacenter GPU (Volta or newer).
 */
import type { MetricCatalog } from './types';

const GPU = ['gpu', 'UUID', 'device', 'modelName', 'Hostname', 'pci_bus_id', 'DCGM_FI_DRIVER_VERSION'];

export const nvidiaDcgm: MetricCatalog = [
  // clocks
  { name: 'DCGM_FI_DEV_SM_CLOCK', type: 'gauge', labels: GPU, help: 'SM clock frequency (in MHz).' },
  { name: 'DCGM_FI_DEV_MEM_CLOCK', type: 'gauge', labels: GPU, help: 'Memory clock frequency (in MHz).' },
  // temperature
  { name: 'DCGM_FI_DEV_MEMORY_TEMP', type: 'gauge', labels: GPU, help: 'Memory temperature (in C).' },
  { name: 'DCGM_FI_DEV_GPU_TEMP', type: 'gauge', labels: GPU, help: 'GPU temperature (in C).' },
  // power
  { name: 'DCGM_FI_DEV_POWER_USAGE', type: 'gauge', labels: GPU, help: 'Power draw (in W).' },
  { name: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', type: 'counter', labels: GPU, help: 'Total energy consumption since boot (in mJ).' },
  // PCIe
  { name: 'DCGM_FI_DEV_PCIE_REPLAY_COUNTER', type: 'counter', labels: GPU, help: 'Total number of PCIe retries.' },
  // utilization
  { name: 'DCGM_FI_DEV_GPU_UTIL', type: 'gauge', labels: GPU, help: 'GPU utilization (in %).' },
  { name: 'DCGM_FI_DEV_MEM_COPY_UTIL', type: 'gauge', labels: GPU, help: 'Memory utilization (in %).' },
  { name: 'DCGM_FI_DEV_ENC_UTIL', type: 'gauge', labels: GPU, help: 'Encoder utilization (in %).' },
  { name: 'DCGM_FI_DEV_DEC_UTIL', type: 'gauge', labels: GPU, help: 'Decoder utilization (in %).' },
  // errors
  { name: 'DCGM_FI_DEV_XID_ERRORS', type: 'gauge', labels: [...GPU, 'err_code', 'err_msg'], help: 'Value of the last XID error encountered.' },
  // framebuffer
  { name: 'DCGM_FI_DEV_FB_FREE', type: 'gauge', labels: GPU, help: 'Framebuffer memory free (in MiB).' },
  { name: 'DCGM_FI_DEV_FB_USED', type: 'gauge', labels: GPU, help: 'Framebuffer memory used (in MiB).' },
  // NVLink
  { name: 'DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', type: 'counter', labels: GPU, help: 'Total number of NVLink bandwidth counters for all lanes.' },
  // vGPU, remapped rows
  { name: 'DCGM_FI_DEV_VGPU_LICENSE_STATUS', type: 'gauge', labels: GPU, help: 'vGPU License status' },
  { name: 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', type: 'counter', labels: GPU, help: 'Number of remapped rows for uncorrectable errors' },
  { name: 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', type: 'counter', labels: GPU, help: 'Number of remapped rows for correctable errors' },
  { name: 'DCGM_FI_DEV_ROW_REMAP_FAILURE', type: 'gauge', labels: GPU, help: 'Whether remapping of rows has failed' },
  // DCP (profiling) metrics enabled in the 3.x default file
  { name: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE', type: 'gauge', labels: GPU, help: 'Ratio of time the graphics engine is active.' },
  { name: 'DCGM_FI_PROF_PIPE_TENSOR_ACTIVE', type: 'gauge', labels: GPU, help: 'Ratio of cycles the tensor (HMMA) pipe is active.' },
  { name: 'DCGM_FI_PROF_DRAM_ACTIVE', type: 'gauge', labels: GPU, help: 'Ratio of cycles the device memory interface is active sending or receiving data.' },
  { name: 'DCGM_FI_PROF_PCIE_TX_BYTES', type: 'counter', labels: GPU, help: 'The number of bytes of active pcie tx data including both header and payload.' },
  { name: 'DCGM_FI_PROF_PCIE_RX_BYTES', type: 'counter', labels: GPU, help: 'The number of bytes of active pcie rx data including both header and payload.' },
];
