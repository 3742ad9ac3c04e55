package io.sessiongrid.servlet;

import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.TomcatAppServer;

class TomcatHttpSessionTest extends HttpSessionSuite {
    @Override
    AppServer.Container container() {
        return TomcatAppServer::start;
    }
}
