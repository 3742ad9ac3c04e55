package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.session.web.socket.server.SessionRepositoryMessageInterceptor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Spring Session's WebSocket keep-alive over the grid: its own interceptor, as a STOMP application registers it,
 * touches the HTTP session on every message, so a session with a 2 s idle limit lives for as long as messages
 * flow and expires once they stop. Whether it lives is read with {@code describe}, which is not an access.
 */
class WebSocketKeepAliveTest {
    @Test
    void messagesKeepTheHttpSessionAliveAndItExpiresWhenTheyStop() {
        try (LocalCluster cluster = new LocalCluster(1);
             SessionGrid client = SessionGrid.client(cluster.clientSettings().build());
             SessionStore store = client.openStore(StoreSettings.defaults())) {
            GridSessionRepository repository = new GridSessionRepository(store, event -> { });
            GridSpringSession session = repository.createSession();
            session.setMaxInactiveInterval(Duration.ofSeconds(2));
            repository.save(session);
            SessionKey key = SessionId.parse(session.getId()).key();

            Map<String, Object> attributes = new HashMap<>();
            SessionRepositoryMessageInterceptor.setSessionId(attributes, session.getId());
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionAttributes(attributes);
            Message<byte[]> message = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
            SessionRepositoryMessageInterceptor<GridSpringSession> interceptor =
                    new SessionRepositoryMessageInterceptor<>(repository);
            MessageChannel channel = (m, timeout) -> true;

            await("alive for three idle limits while messages flow").during(Duration.ofSeconds(6))
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        interceptor.preSend(message, channel);
                        return store.describe(key).isPresent();
                    });
            await("expired once they stop").atMost(Duration.ofSeconds(30))
                    .until(() -> store.describe(key).isEmpty());
        }
    }
}
