package io.sessiongrid.spring.webflux;

import io.sessiongrid.client.testing.LocalCluster;

import java.util.List;

/** Each application a thin client of the grid: answers complete on the client's response threads. */
class ReactiveThinClientTest extends ReactiveSessionContract {
    @Override
    List<String> connection(LocalCluster grid) {
        return List.of("--sessiongrid.client.addresses=127.0.0.1:" + grid.port(0) + ",127.0.0.1:" + grid.port(1));
    }
}
