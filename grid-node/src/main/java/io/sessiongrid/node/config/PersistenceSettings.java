package io.sessiongrid.node.config;

import java.time.Duration;

/**
 * Where and how a grid-node keeps the durable copy of the session maps ({@code persistence.*}). Immutable; validated
 * by {@link NodeConfigLoader}. Absent from {@link NodeConfig} when {@code persistence.mode} is {@code off}.
 *
 * @param writeDelay zero for write-through, else the write-behind delay in whole seconds
 */
public record PersistenceSettings(String jdbcUrl, String username, String password, int poolSize, Duration timeout,
                                  Duration writeDelay, int writeBatchSize, boolean eagerLoad, Duration sweepInterval,
                                  boolean requiredForReadiness) {
    public boolean writeThrough() {
        return writeDelay.isZero();
    }

    /** The mode as the configuration spells it. */
    public String mode() {
        return writeThrough() ? "write-through" : "write-behind";
    }

    @Override
    public String toString() {
        return "PersistenceSettings[" + mode() + ", " + jdbcUrl + ", user " + username + "]";
    }
}
