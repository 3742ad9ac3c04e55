/**
 * Puts a servlet application's HttpSession in the grid: {@link io.sessiongrid.servlet.SessionGridFilter}, its
 * settings, the initializer that registers it from context-params, and the channels session ids travel by
 * ({@link io.sessiongrid.servlet.SessionIdResolver}). Everything else here (the request wrapper, the HttpSession,
 * listener dispatch, init-param parsing, meters) is package-private.
 */
package io.sessiongrid.servlet;
