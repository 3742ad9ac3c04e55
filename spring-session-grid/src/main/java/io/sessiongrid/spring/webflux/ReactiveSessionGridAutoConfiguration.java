package io.sessiongrid.spring.webflux;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;
import io.sessiongrid.spring.boot.SessionGridAutoConfiguration;
import io.sessiongrid.spring.boot.SessionGridProperties;
import io.sessiongrid.spring.session.ReactiveGridSessionRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * Puts a reactive application's {@code WebSession} (Spring WebFlux, Spring Cloud Gateway) in the grid, from the same
 * {@code sessiongrid.*} properties as a servlet application: the starter connects and opens the store; this adds
 * {@link ReactiveGridSessionRepository} over it and Spring Session's {@link WebSessionManager}, ahead of WebFlux's
 * in-memory one, with the session cookie the {@code sessiongrid.cookie.*} properties describe, and a 503 when the grid
 * does not answer ({@link GridUnavailableResponder}). Each bean backs off
 * when the application defines its own. Warns at start-up when the Reactor Netty it runs on has the keep-alive defect
 * of versions before 1.3.8 ({@link ReactorNettyCheck}).
 */
@AutoConfiguration(after = SessionGridAutoConfiguration.class,
        beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ReactiveSessionRepository.class, Mono.class, WebSessionManager.class})
@EnableSpringWebSession
public class ReactiveSessionGridAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(ReactiveSessionGridAutoConfiguration.class.getName());

    public ReactiveSessionGridAutoConfiguration() {
        ReactorNettyCheck.warning(getClass().getClassLoader())
                .ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveSessionRepository.class)
    ReactiveGridSessionRepository reactiveSessionRepository(SessionStore store, SessionGridProperties properties,
                                                            ApplicationEventPublisher events) {
        return new ReactiveGridSessionRepository(store, events, properties.store().defaultMaxInactiveInterval());
    }

    /** 503 when the grid does not answer, as a servlet application answers. */
    @Bean
    @ConditionalOnMissingBean
    GridUnavailableResponder gridUnavailableResponder() {
        return new GridUnavailableResponder();
    }

    /** The cookie a servlet application of the same properties would set, so both can share a domain. */
    @Bean
    @ConditionalOnMissingBean(WebSessionIdResolver.class)
    CookieWebSessionIdResolver webSessionIdResolver(SessionGridProperties properties) {
        SettingValues values = properties.values();
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(values.text(Setting.COOKIE_NAME).orElseThrow());
        values.duration(Setting.COOKIE_MAX_AGE).ifPresent(resolver::setCookieMaxAge);
        resolver.addCookieInitializer(cookie -> {
            cookie.path(values.text(Setting.COOKIE_PATH).orElse("/"));
            values.text(Setting.COOKIE_DOMAIN).ifPresent(cookie::domain);
            cookie.httpOnly(values.bool(Setting.COOKIE_HTTP_ONLY).orElse(true));
            values.bool(Setting.COOKIE_SECURE).ifPresent(cookie::secure);
            cookie.sameSite(values.choice(Setting.COOKIE_SAME_SITE).orElse("Lax"));
            cookie.partitioned(values.bool(Setting.COOKIE_PARTITIONED).orElse(false));
        });
        return resolver;
    }
}
