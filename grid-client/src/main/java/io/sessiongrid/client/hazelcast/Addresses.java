package io.sessiongrid.client.hazelcast;

import java.util.regex.Pattern;

/** Checks of names, hosts and ports shared by the member and client settings; messages name the key. */
final class Addresses {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

    private Addresses() {
    }

    static String requireName(String key, String name) {
        if (name == null || !MemberSettings.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(key + " must be 1-100 of [A-Za-z0-9._-], got " + name);
        }
        return name;
    }

    static String requireHost(String key, String host) {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(key + " must be a host name or IP address, got " + host);
        }
        return host;
    }

    static int requirePort(String key, int port) {
        return requireRange(key, port, 1, 65535);
    }

    static int requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + "-" + max + ", got " + value);
        }
        return value;
    }

    /** {@code host:port}; a range such as 5701-5703 is refused because Hazelcast's TCP-IP list rejects it. */
    static String requireAddress(String key, String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(key + " entries are host:port, got " + address);
        }
        requireHost(key, address.substring(0, colon));
        try {
            requirePort(key, Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " entries are host:port with one port (list each member),"
                    + " got " + address);
        }
        return address;
    }
}
