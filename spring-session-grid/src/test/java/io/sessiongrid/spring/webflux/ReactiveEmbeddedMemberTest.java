package io.sessiongrid.spring.webflux;

import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.testing.LocalCluster;

import java.util.List;

/** Each application a member of the grid: answers for the partitions it owns complete on its partition threads. */
class ReactiveEmbeddedMemberTest extends ReactiveSessionContract {
    @Override
    List<String> connection(LocalCluster grid) {
        int port = FreePorts.take(1)[0];
        return List.of("--sessiongrid.grid.mode=embedded", "--sessiongrid.network.port=" + port,
                "--sessiongrid.join.members=127.0.0.1:" + grid.port(0) + ",127.0.0.1:" + grid.port(1) + ",127.0.0.1:"
                        + port);
    }
}
