package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;

/** STICKY trusts the near cache: the contract still holds, so an instance always reads its own writes. */
class StickyThinClientStoreContractTest extends GridStoreContract {
    @Override
    SessionGrid mode(SharedGrid grid) {
        return grid.clientB();
    }

    @Override
    protected ReadMode readMode() {
        return ReadMode.STICKY;
    }
}
