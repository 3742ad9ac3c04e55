package io.sessiongrid.spring.session;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.session.events.SessionExpiredEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests' Boot applications share: a start on 127.0.0.1 with a free port, and an expiry counter. */
public final class TestApplications {
    private TestApplications() {
    }

    public static ConfigurableApplicationContext start(Class<?> application, List<String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off"));
        args.addAll(properties);
        return SpringApplication.run(application, args.toArray(String[]::new));
    }

    /** Counts the SessionExpiredEvents one application published. */
    public static final class ExpiredEvents {
        private final AtomicInteger count = new AtomicInteger();

        @EventListener
        void on(SessionExpiredEvent event) {
            count.incrementAndGet();
        }

        public int count() {
            return count.get();
        }
    }
}
