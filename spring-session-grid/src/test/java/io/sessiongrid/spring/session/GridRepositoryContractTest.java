package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;

/** Over a thin client of a real two-member grid, each test on a map of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridRepositoryContractTest extends RepositoryContract {
    private LocalCluster cluster;
    private SessionGrid client;

    @BeforeAll
    void startGrid() {
        cluster = new LocalCluster(2);
        client = SessionGrid.client(cluster.clientSettings().build());
    }

    @AfterAll
    void stopGrid() {
        client.close();
        cluster.close();
    }

    @Override
    SessionStore open(StoreSettings settings) {
        return client.openStore(StoreSettings.builder().mapName("sessions-" + UUID.randomUUID())
                .maxAttributeBytes(settings.maxAttributeBytes()).build());
    }
}
