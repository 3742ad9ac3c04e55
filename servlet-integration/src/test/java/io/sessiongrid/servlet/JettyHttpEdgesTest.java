package io.sessiongrid.servlet;

import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;

class JettyHttpEdgesTest extends HttpEdgesSuite {
    @Override
    AppServer.Container container() {
        return JettyAppServer::start;
    }
}
