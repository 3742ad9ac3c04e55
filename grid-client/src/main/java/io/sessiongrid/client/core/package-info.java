/**
 * Internal: the session record, its codecs, seals and rules, shared by the Hazelcast and in-process stores. Not
 * an API: its public types are public only for those two packages and may change in any release; applications
 * and the other modules use {@link io.sessiongrid.client.api} (a check in the {@code architecture} module keeps it
 * so). Depends only on the store API.
 */
package io.sessiongrid.client.core;
