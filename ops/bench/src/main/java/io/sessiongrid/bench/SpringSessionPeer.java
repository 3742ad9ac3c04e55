package io.sessiongrid.bench;

import com.hazelcast.core.HazelcastInstance;
import jakarta.servlet.Filter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.hazelcast.HazelcastIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * A Spring Session peer as Spring Boot would wire it, without a Spring context: the repository Boot picks by
 * default for the store, with Boot's defaults (flush on save, save on set-attribute, 30-minute timeout), behind
 * Spring Session's own {@link SessionRepositoryFilter}. {@link #close()} releases what the repository opened.
 */
final class SpringSessionPeer implements AutoCloseable {
    private final SessionRepository<?> repository;
    private final AutoCloseable release;

    private SpringSessionPeer(SessionRepository<?> repository, AutoCloseable release) {
        this.repository = repository;
        this.release = release;
    }

    /** Spring Session Data Redis: {@link RedisSessionRepository} over Lettuce, JDK serialization of values. */
    static SpringSessionPeer redis(int port) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(new StringRedisSerializer());
        template.setHashKeySerializer(new StringRedisSerializer());
        template.setDefaultSerializer(new JdkSerializationRedisSerializer(SpringSessionPeer.class.getClassLoader()));
        template.afterPropertiesSet();
        return new SpringSessionPeer(new RedisSessionRepository(template), connections::destroy);
    }

    /**
     * Spring Session Hazelcast: {@link HazelcastIndexedSessionRepository} on a member of the given grid, whose
     * configuration carries the serializer and index Spring Session documents (see {@link BenchGrid}).
     */
    static SpringSessionPeer hazelcast(HazelcastInstance member) {
        HazelcastIndexedSessionRepository repository = new HazelcastIndexedSessionRepository(member);
        repository.afterPropertiesSet();
        return new SpringSessionPeer(repository, repository::destroy);
    }

    Filter filter() {
        return new SessionRepositoryFilter<>(repository);
    }

    @Override
    public void close() throws Exception {
        release.close();
    }
}
