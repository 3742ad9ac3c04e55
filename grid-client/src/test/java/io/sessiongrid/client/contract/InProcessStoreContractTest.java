package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.local.InProcessSessionStore;

class InProcessStoreContractTest extends SessionStoreContract {
    @Override
    protected SessionStore open(StoreSettings settings) {
        return new InProcessSessionStore(settings);
    }

    @Override
    protected String freshMapName() {
        return "sessions";
    }
}
