package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;

import java.util.List;

/**
 * Makes this instance and its cluster know every Compact schema a store sends or receives, when the store opens. A
 * Hazelcast client's first use of a schema otherwise blocks the calling thread until the cluster has stored it, and
 * its first read of an unknown one blocks until it is fetched: a wait that an event-loop thread of a non-blocking
 * server must never make (BlockHound caught it on a WebFlux request's first write).
 */
final class CompactSchemas {
    private CompactSchemas() {
    }

    /** Serializes one instance of each type; the schema of each type does not depend on its values. */
    static void register(HazelcastInstance instance, SessionRules rules) {
        if (!(instance instanceof SerializationServiceSupport support)) {
            return;
        }
        SerializationService serialization = support.getSerializationService();
        SessionId id = rules.newId();
        AttributeDelta delta = rules.encode(id.key(), SessionChanges.builder().set("schema", "sample")
                .principal("sample").build());
        SessionRecord record = rules.newRecord(id, delta);
        List<Object> samples = List.of(record, new Create(record, 1), new Install(record),
                new ApplyDelta(delta, 1, 1), new ApplyDelta(delta, 1, 1, 1, new byte[1]), new Touch(), new Invalidate(),
                new RetireIfUnchanged(1, record.key()), new ReadIfChanged(1), new OwnerCopy(record, 1),
                PrincipalKeys.NONE.adding(record.key(), 1), new AddPrincipalKey(record.key()),
                new DropPrincipalKeys(List.of(record.key()), 1), new InvalidateOfPrincipal("sample"));
        GridCalls.call("registering the grid's serialization schemas", () -> {
            samples.forEach(serialization::toData);
            return null;
        });
    }
}
