package io.sessiongrid.client.config;

/** A setting the user gave is unknown or its value is invalid; the message names the key as the user wrote it. */
public final class SettingException extends IllegalArgumentException {
    public SettingException(String message) {
        super(message);
    }

    public SettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
