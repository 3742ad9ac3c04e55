package io.sessiongrid.gridctl;

import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import picocli.CommandLine.Option;

/** Which sessions a command acts on: exactly one of an id, a key or a principal. */
final class SessionSelector {
    @Option(names = "--id", paramLabel = "ID", description = "a session id, as the browser's cookie carries it")
    String id;

    @Option(names = "--key", paramLabel = "KEY", description = "a session key, as gridctl and the logs show it")
    String key;

    @Option(names = "--principal", paramLabel = "NAME", description = "every session of this user")
    String principal;

    /** The one session named by --id or --key, or null when --principal was given. */
    SessionKey sessionKey() {
        if (id != null) {
            try {
                return SessionId.parse(id).key();
            } catch (MalformedSessionIdException e) {
                throw new IllegalArgumentException("--id is not a session id: " + e.getMessage());
            }
        }
        if (key != null) {
            try {
                return new SessionKey(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--key is not a session key: " + e.getMessage());
            }
        }
        return null;
    }

    String describe() {
        return id != null ? "the session with that id" : key != null ? "session " + key : "principal \"" + principal + "\"";
    }
}
