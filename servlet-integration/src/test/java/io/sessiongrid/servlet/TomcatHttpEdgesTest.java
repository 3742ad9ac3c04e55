package io.sessiongrid.servlet;

import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.TomcatAppServer;

class TomcatHttpEdgesTest extends HttpEdgesSuite {
    @Override
    AppServer.Container container() {
        return TomcatAppServer::start;
    }
}
