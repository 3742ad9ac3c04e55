package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against the shared three-member grid, through the mode a subclass picks. */
@ExtendWith(SharedGridResolver.class)
abstract class GridStoreContract extends SessionStoreContract {
    private SharedGrid grid;
    private String mapName;

    @BeforeEach
    void useSharedGrid(SharedGrid grid) {
        this.grid = grid;
        this.mapName = grid.nextMapName();
    }

    abstract SessionGrid mode(SharedGrid grid);

    @Override
    protected SessionStore open(StoreSettings settings) {
        return mode(grid).openStore(settings);
    }

    @Override
    protected String freshMapName() {
        return mapName;
    }
}
