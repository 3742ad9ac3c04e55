package io.sessiongrid.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Writes the session before anything can commit the response: a redirect, an error, a flush, or the first use of
 * the body stream. So the browser's next request, which may start the moment the response begins to arrive,
 * already sees this request's changes and carries the session cookie. Changes made after that point are written
 * when the request ends.
 */
final class CommitGuardResponse extends HttpServletResponseWrapper {
    private final Runnable writeSession;
    private boolean written;

    CommitGuardResponse(HttpServletResponse response, Runnable writeSession) {
        super(response);
        this.writeSession = writeSession;
    }

    /** Synchronized: an async request may write its body from another thread. */
    private synchronized void beforeCommit() {
        if (!written) {
            written = true;
            writeSession.run();
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    @Override
    public void sendRedirect(String location, int sc) throws IOException {
        beforeCommit();
        super.sendRedirect(location, sc);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        beforeCommit();
        super.sendRedirect(location, clearBuffer);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        beforeCommit();
        super.sendRedirect(location, sc, clearBuffer);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        beforeCommit();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        beforeCommit();
        return super.getWriter();
    }
}
