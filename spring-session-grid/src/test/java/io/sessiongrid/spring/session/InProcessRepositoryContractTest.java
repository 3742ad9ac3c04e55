package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.local.InProcessSessionStore;

class InProcessRepositoryContractTest extends RepositoryContract {
    @Override
    SessionStore open(StoreSettings settings) {
        return new InProcessSessionStore(settings);
    }
}
