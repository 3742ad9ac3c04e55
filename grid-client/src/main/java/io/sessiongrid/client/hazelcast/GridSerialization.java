package io.sessiongrid.client.hazelcast;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.SerializationConfig;

/**
 * Registers the Compact serializers of the session record, the principal keys and the entry processors. Every member and client
 * of a session grid needs them; {@link SessionGrid} applies them to the configurations it builds, and a caller
 * that brings its own HazelcastInstance applies them with {@link #register} before starting it.
 */
public final class GridSerialization {
    private GridSerialization() {
    }

    /** Adds the serializers; calling it twice on one configuration is harmless. */
    public static void register(SerializationConfig serialization) {
        CompactSerializationConfig compact = serialization.getCompactSerializationConfig();
        try {
            compact.addSerializer(new SessionRecordSerializer());
        } catch (InvalidConfigurationException alreadyRegistered) {
            return;
        }
        compact.addSerializer(new Create.Serializer());
        compact.addSerializer(new Install.Serializer());
        compact.addSerializer(new ApplyDelta.Serializer());
        compact.addSerializer(new Touch.Serializer());
        compact.addSerializer(new Invalidate.Serializer());
        compact.addSerializer(new RetireIfUnchanged.Serializer());
        compact.addSerializer(new ReadIfChanged.Serializer());
        compact.addSerializer(new OwnerCopy.Serializer());
        compact.addSerializer(new ReportMember.Serializer());
        compact.addSerializer(new MemberReport.Serializer());
        compact.addSerializer(new ShutdownMember.Serializer());
        compact.addSerializer(new PrincipalKeys.Serializer());
        compact.addSerializer(new AddPrincipalKey.Serializer());
        compact.addSerializer(new DropPrincipalKeys.Serializer());
        compact.addSerializer(new InvalidateOfPrincipal.Serializer());
    }
}
