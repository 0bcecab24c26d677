/** "brain-worker" -> "BrainWorker", "node_load15" -> "NodeLoad15", "workerDown" -> "WorkerDown". */
export function camelCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
