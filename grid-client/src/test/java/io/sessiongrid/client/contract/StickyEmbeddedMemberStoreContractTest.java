package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;

/** STICKY on a member whose near cache also holds the entries it owns. */
class StickyEmbeddedMemberStoreContractTest extends GridStoreContract {
    @Override
    SessionGrid mode(SharedGrid grid) {
        return grid.embedded();
    }

    @Override
    protected ReadMode readMode() {
        return ReadMode.STICKY;
    }
}
