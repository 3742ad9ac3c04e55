package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.SessionGridException;

import java.util.function.Supplier;

/** Runs one grid call and turns Hazelcast's failures into the store's typed errors with a cause and a fix. */
final class GridCalls {
    private GridCalls() {
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            // Serializing a Compact value first registers its schema with the cluster, so an offline client
            // reports a serialization failure caused by being offline: look at the whole chain.
            Throwable unavailable = availabilityCause(e);
            if (unavailable != null) {
                throw new GridUnavailableException("the session grid did not answer " + operation + " ("
                        + unavailable.getClass().getSimpleName() + ": " + unavailable.getMessage() + "); check that"
                        + " grid members are running and reachable from here", e);
            }
            if (e instanceof HazelcastSerializationException) {
                throw new SessionGridException("the session grid could not serialize " + operation + " ("
                        + e.getMessage() + "); every member and client must run the same grid-client version and"
                        + " register GridSerialization", e);
            }
            throw e;
        }
    }

    private static Throwable availabilityCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HazelcastClientOfflineException || t instanceof HazelcastInstanceNotActiveException
                    || t instanceof OperationTimeoutException || t instanceof TargetDisconnectedException
                    || t instanceof TargetNotMemberException) {
                return t;
            }
        }
        return null;
    }
}
