package io.sessiongrid.servlet;

import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;

class JettyHttpSessionTest extends HttpSessionSuite {
    @Override
    AppServer.Container container() {
        return JettyAppServer::start;
    }
}
