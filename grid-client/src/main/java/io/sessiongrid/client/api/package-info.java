/**
 * The store API: what an application or an integration calls to keep sessions, the same in every mode (embedded,
 * thin client, a wrapped instance, in-process). Sessions are immutable snapshots; every change is one
 * {@link io.sessiongrid.client.api.SessionChanges} applied atomically on the session's owner. Errors are
 * unchecked subclasses of {@link io.sessiongrid.client.api.SessionGridException}, each naming its cause. Depends
 * only on the settings registry.
 */
package io.sessiongrid.client.api;
