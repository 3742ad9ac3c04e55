/**
 * The store on a Hazelcast grid: {@link io.sessiongrid.client.hazelcast.SessionGrid} connects in each mode and opens
 * stores; the settings of members and clients, the configuration and serializers an application's own
 * HazelcastInstance needs, and the administration calls gridctl makes. Entry processors and calls are
 * package-private.
 */
package io.sessiongrid.client.hazelcast;
