/**
 * The store contract in one JVM, without a grid ({@code grid.mode=local}): for development and applications' tests.
 */
package io.sessiongrid.client.local;
