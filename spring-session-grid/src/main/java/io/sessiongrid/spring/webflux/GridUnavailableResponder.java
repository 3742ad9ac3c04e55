package io.sessiongrid.spring.webflux;

import io.sessiongrid.client.api.GridUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose session could not be read or saved because the grid did not answer in time with 503 and
 * a line saying so, as the servlet filter does, instead of WebFlux's generic 500; every other error passes on to
 * the next handler. Runs ahead of Spring Boot's error handler. Stateless and thread safe.
 */
public final class GridUnavailableResponder implements WebExceptionHandler, Ordered {
    private static final System.Logger LOG = System.getLogger(GridUnavailableResponder.class.getName());
    private static final byte[] MESSAGE = "the session store is not reachable; retry shortly\n"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        GridUnavailableException unavailable = unavailable(failure);
        ServerHttpResponse response = exchange.getResponse();
        if (unavailable == null || response.isCommitted()) {
            return Mono.error(failure);
        }
        LOG.log(System.Logger.Level.WARNING, "request failed with 503: the session store is not reachable ("
                + unavailable.getMessage() + ")");
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(MESSAGE)));
    }

    private static GridUnavailableException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GridUnavailableException e) {
                return e;
            }
        }
        return null;
    }

    /** Ahead of Spring Boot's error handler (-1) and WebFlux's status handler (0). */
    @Override
    public int getOrder() {
        return -2;
    }
}
