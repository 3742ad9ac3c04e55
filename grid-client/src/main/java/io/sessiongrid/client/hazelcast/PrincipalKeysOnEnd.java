package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.sessiongrid.client.core.SessionRecord;

import java.util.List;

/**
 * A member's listener on the session maps it owns entries of: when a session with a principal ends (invalidated,
 * expired, or evicted once found expired), its key is dropped from the principal's entry. It hears only those three
 * kinds of event, so writes send it nothing. An event lost with a member leaves an extra key, which the principal's
 * next lookup drops. Thread safe.
 */
final class PrincipalKeysOnEnd implements EntryRemovedListener<String, SessionRecord>,
        EntryExpiredListener<String, SessionRecord>, EntryEvictedListener<String, SessionRecord>, HazelcastInstanceAware {
    private static final System.Logger LOG = System.getLogger(PrincipalKeysOnEnd.class.getName());

    private volatile HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public void entryRemoved(EntryEvent<String, SessionRecord> event) {
        ended(event);
    }

    @Override
    public void entryExpired(EntryEvent<String, SessionRecord> event) {
        ended(event);
    }

    @Override
    public void entryEvicted(EntryEvent<String, SessionRecord> event) {
        ended(event);
    }

    private void ended(EntryEvent<String, SessionRecord> event) {
        SessionRecord record = event.getOldValue();
        HazelcastInstance on = member;
        if (record == null || record.principal() == null || on == null) {
            return;
        }
        try {
            on.<String, PrincipalKeys>getMap(PrincipalIndex.mapName(event.getName()))
                    .submitToKey(record.principal(), new DropPrincipalKeys(List.of(event.getKey()), 0));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the key of an ended session stays in its principal''s entry until"
                    + " the next lookup: {0}", e.toString());
        }
    }
}
