package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;

import java.util.Map;

/** With every value encrypted, the whole contract still holds (in-place change detection, id changes, limits). */
class EncryptedThinClientStoreContractTest extends GridStoreContract {
    @Override
    SessionGrid mode(SharedGrid grid) {
        return grid.clientA();
    }

    @Override
    protected EncryptionKeys encryptionKeys() {
        return EncryptionKeys.of(7, Map.of(7, new byte[32], 3, new byte[16]));
    }
}
