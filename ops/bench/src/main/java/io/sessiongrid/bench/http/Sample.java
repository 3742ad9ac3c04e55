package io.sessiongrid.bench.http;

import java.util.Map;

/**
 * One topology under one workload in one pass: what the load generator measured, and what each server process
 * spent per request during the measured window (CPU microseconds by role: {@code app}, {@code grid} for all
 * grid-nodes together, {@code redis}), the grid-nodes' socket bytes per request, and the CPU the other
 * deployments spent meanwhile, idle, in cores (0 when they were not running: a run in passes).
 */
record Sample(Topology topology, String workload, int pass, Load.Measured measured,
              Map<String, Double> cpuMicrosPerRequest, double gridBytesPerRequest, double idleCores) {

    double totalCpuMicros() {
        return cpuMicrosPerRequest.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
