package io.sessiongrid.client.contract;

import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;

class EmbeddedMemberStoreContractTest extends GridStoreContract {
    @Override
    SessionGrid mode(SharedGrid grid) {
        return grid.embedded();
    }
}
