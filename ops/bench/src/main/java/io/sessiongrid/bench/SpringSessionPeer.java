package io.sessiongrid.bench;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.SerializerConfig;
import org.springframework.session.MapSession;
import org.springframework.session.hazelcast.HazelcastIndexedSessionRepository;
import org.springframework.session.hazelcast.HazelcastSessionSerializer;
import org.springframework.session.hazelcast.PrincipalNameExtractor;

/** The Spring Session Hazelcast peer's member configuration, shared by the in-JVM and the HTTP benchmarks. */
public final class SpringSessionPeer {
    private SpringSessionPeer() {
    }

    /**
     * What Spring Session's reference documentation asks of a member for its Hazelcast repository: a serializer
     * for its session type and an index on the principal name, on Spring Session's default map.
     */
    public static void configureMember(Config config) {
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig()
                .setImplementation(new HazelcastSessionSerializer()).setTypeClass(MapSession.class));
        config.getMapConfig(HazelcastIndexedSessionRepository.DEFAULT_SESSION_MAP_NAME)
                .addAttributeConfig(new AttributeConfig(HazelcastIndexedSessionRepository.PRINCIPAL_NAME_ATTRIBUTE,
                        PrincipalNameExtractor.class.getName()))
                .addIndexConfig(new IndexConfig(IndexType.HASH,
                        HazelcastIndexedSessionRepository.PRINCIPAL_NAME_ATTRIBUTE));
    }
}
