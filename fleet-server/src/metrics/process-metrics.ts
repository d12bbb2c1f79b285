// The Node process's own metrics (CPU, memory, file descriptors, GC, event-loop lag from perf_hooks'
// monitorEventLoopDelay), from prom-client's defaults. One registry per process, made on first use: they describe
// the process, not one fleet server, and each collection starts a sampler that is never stopped.
import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | undefined;

export function processMetrics(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}
