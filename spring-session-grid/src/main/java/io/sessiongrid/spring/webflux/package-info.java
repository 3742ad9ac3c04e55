/**
 * API: the auto-configuration that puts a reactive (WebFlux) application's {@code WebSession} in the grid.
 */
package io.sessiongrid.spring.webflux;
