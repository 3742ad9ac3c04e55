package io.sessiongrid.spring.boot;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import io.sessiongrid.spring.security.GridSessionRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Connects a web application to the grid from its {@code sessiongrid.*} properties: connects in the mode they
 * name, opens the store, and adds a health indicator with the actuator. In a servlet application it registers
 * {@link SessionGridFilter} for every request ahead of Spring Security's filter chain, with its meters in the
 * application's {@link MeterRegistry}, and a cluster-wide {@link SessionRegistry} with Spring Security; a reactive
 * application's WebSession is configured by spring-session-grid over the same store. Each bean backs off when
 * the application defines its own: a {@link SessionStore} bean of the application's is used as it is.
 */
@AutoConfiguration
@ConditionalOnWebApplication
public class SessionGridAutoConfiguration {
    /**
     * Ahead of Spring Security's filter chain (order -100) and of every filter that may read the session, as Spring
     * Session's own filter is.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    @ConditionalOnMissingBean
    SessionGridProperties sessionGridProperties(ConfigurableEnvironment environment) {
        return SessionGridProperties.read(environment);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean({SessionStore.class, SessionGridConnection.class})
    SessionGridConnection sessionGridConnection(SessionGridProperties properties,
                                                ObjectProvider<HazelcastInstance> instance) {
        return SessionGridConnection.open(properties, instance::getIfAvailable);
    }

    /** The connection closes it. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    SessionStore sessionGridStore(SessionGridConnection connection) {
        return connection.store();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "sessionGridHealthIndicator")
        SessionGridHealthIndicator sessionGridHealthIndicator(SessionStore store,
                                                              ObjectProvider<SessionGridConnection> connection) {
            return new SessionGridHealthIndicator(store, connection.getIfAvailable());
        }
    }

    /** Servlet types appear only here, so a reactive application without the servlet API never loads them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(SessionGridFilter.class)
    static class Servlet {
        /** Not when the application runs Spring Session's own filter over a repository (such as ours). */
        @Bean
        @ConditionalOnMissingBean(name = "sessionGridFilterRegistration",
                type = "org.springframework.session.SessionRepository")
        FilterRegistrationBean<SessionGridFilter> sessionGridFilterRegistration(SessionStore store,
                SessionGridProperties properties, ObjectProvider<MeterRegistry> meters) {
            SessionFilterSettings.Builder settings = properties.filter(getClass().getClassLoader());
            meters.ifAvailable(settings::meterRegistry);
            FilterRegistrationBean<SessionGridFilter> registration =
                    new FilterRegistrationBean<>(new SessionGridFilter(store, settings.build()));
            registration.setName("sessionGridFilter");
            registration.setOrder(FILTER_ORDER);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.addUrlPatterns("/*");
            return registration;
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(SessionRegistry.class)
        static class Security {
            @Bean
            @ConditionalOnMissingBean(SessionRegistry.class)
            GridSessionRegistry sessionRegistry(SessionStore store) {
                return new GridSessionRegistry(store);
            }
        }
    }
}
