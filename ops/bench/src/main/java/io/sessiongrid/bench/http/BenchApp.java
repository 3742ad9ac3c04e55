package io.sessiongrid.bench.http;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.bench.SpringSessionPeer;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.servlet.SaveMode;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.hazelcast.HazelcastIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import java.util.EnumSet;
import java.util.EventListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application process of the HTTP benchmark: {@link ShopServlet} in embedded Jetty 12 on 127.0.0.1 over one
 * session backend, configured the way its users configure it. It prints {@code READY <port>} once it serves, and
 * runs until it is killed (SIGTERM). The load generator and the grid members run in processes of their own.
 *
 * <pre>
 * BenchApp --backend local|ours|spring-redis|spring-hazelcast|hazelcast-wm --port N
 *          [--mode embedded|client] [--read-mode sticky|validated] [--save-mode on-change|on-set-attribute]
 *          [--cluster NAME] [--member-port N] [--members host:port,...] [--redis-port N]
 * </pre>
 */
public final class BenchApp {
    static final String MAP = "sessions-bench";

    private BenchApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String backend = a.getOrDefault("backend", "local");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(a.getOrDefault("port", "0")));
        server.addConnector(connector);
        // hazelcast-wm wraps the container's own session (it needs one), as on a Jakarta container of its users.
        ServletContextHandler context = backend.equals("local") || backend.equals("hazelcast-wm")
                ? new ServletContextHandler(ServletContextHandler.SESSIONS) : new ServletContextHandler();
        context.setContextPath("/");
        switch (backend) {
            case "local" -> {
            }
            case "ours" -> filter(context, ours(a));
            case "spring-redis" -> filter(context, springRedis(Integer.parseInt(a.get("redis-port"))));
            case "spring-hazelcast" -> filter(context, springHazelcast(member(a, true)));
            case "hazelcast-wm" -> hazelcastWm(context, member(a, false));
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
        context.addServlet(new ServletHolder(new ShopServlet()), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static void filter(ServletContextHandler context, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
                DispatcherType.ERROR));
    }

    /** Ours: an embedded member (joining the given members, if any) or a thin client of them. */
    private static Filter ours(Map<String, String> a) {
        String cluster = a.getOrDefault("cluster", "bench");
        List<String> members = List.of(a.getOrDefault("members", "").split(",")).stream()
                .filter(s -> !s.isBlank()).toList();
        ReadMode readMode = ReadMode.named(a.getOrDefault("read-mode", "sticky"));
        SessionGrid grid;
        if (a.getOrDefault("mode", "embedded").equals("client")) {
            ClientSettings.Builder b = ClientSettings.builder().clusterName(cluster).readMode(readMode);
            members.forEach(b::address);
            grid = SessionGrid.client(b.build());
        } else {
            int port = Integer.parseInt(a.get("member-port"));
            MemberSettings.Builder b = MemberSettings.builder().clusterName(cluster).host("127.0.0.1").port(port)
                    .readMode(readMode)
                    .hazelcastProperty("hazelcast.wait.seconds.before.join", "0")
                    .hazelcastProperty("hazelcast.max.wait.seconds.before.join", "1");
            b.member("127.0.0.1:" + port);
            members.forEach(b::member);
            grid = SessionGrid.embedded(b.build());
        }
        SessionStore store = grid.openStore(StoreSettings.builder().mapName(MAP).readMode(readMode)
                .allowClasses(Cart.class.getName()).build());
        SaveMode save = SaveMode.parse(a.getOrDefault("save-mode", "on-change"));
        return new SessionGridFilter(store, SessionFilterSettings.builder().saveMode(save).build());
    }

    /**
     * One Hazelcast member in this JVM, the peers' own topology, with Hazelcast's defaults and what the peer's
     * documentation asks for, nothing of this project's session-map configuration.
     */
    private static HazelcastInstance member(Map<String, String> a, boolean springSession) {
        int port = Integer.parseInt(a.get("member-port"));
        Config config = new Config();
        config.setInstanceName("bench-member");
        config.setClusterName(a.getOrDefault("cluster", "bench"));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        if (springSession) {
            SpringSessionPeer.configureMember(config);
        }
        return Hazelcast.newHazelcastInstance(config);
    }

    /** Spring Session Data Redis as Spring Boot wires it: RedisSessionRepository over Lettuce, JDK serialization. */
    private static Filter springRedis(int port) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(new StringRedisSerializer());
        template.setHashKeySerializer(new StringRedisSerializer());
        template.setDefaultSerializer(new JdkSerializationRedisSerializer(BenchApp.class.getClassLoader()));
        template.afterPropertiesSet();
        return new SessionRepositoryFilter<>(new RedisSessionRepository(template));
    }

    private static Filter springHazelcast(HazelcastInstance member) {
        HazelcastIndexedSessionRepository repository = new HazelcastIndexedSessionRepository(member);
        repository.afterPropertiesSet();
        return new SessionRepositoryFilter<>(repository);
    }

    /**
     * hazelcast-wm 5.0 rewritten for Jakarta Servlet by Tomcat's migration tool (run-http.sh does it; the jar is on
     * this process's class path then), sticky, over the member in this JVM: what its users run on Jakarta containers.
     */
    @SuppressWarnings("unchecked")
    private static void hazelcastWm(ServletContextHandler context, HazelcastInstance member) throws Exception {
        Class<? extends Filter> webFilter = (Class<? extends Filter>) Class.forName("com.hazelcast.web.WebFilter");
        FilterHolder holder = new FilterHolder(webFilter);
        holder.setInitParameter("instance-name", member.getName());
        holder.setInitParameter("map-name", "sessions-wm");
        holder.setInitParameter("sticky-session", "true");
        holder.setInitParameter("use-client", "false");
        holder.setInitParameter("shutdown-on-destroy", "false");
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                DispatcherType.INCLUDE));
        context.addEventListener((EventListener) Class.forName("com.hazelcast.web.SessionListener")
                .getDeclaredConstructor().newInstance());
    }
}
