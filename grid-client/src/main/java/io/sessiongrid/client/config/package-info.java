/**
 * The one registry of settings ({@link io.sessiongrid.client.config.Setting}) and how each program reads it through
 * its channels (YAML, environment, init-params, command-line options, Spring properties). Public so that every
 * component, and integrations outside this module, read the same names with the same defaults. Depends on nothing
 * else of the project.
 */
package io.sessiongrid.client.config;
