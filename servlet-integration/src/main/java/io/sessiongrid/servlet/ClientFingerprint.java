package io.sessiongrid.servlet;

import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What binds a session to the client that created it: a hash of the User-Agent and the leading bits of the
 * client address. A session presented with another fingerprint is treated as no session. This stops a cookie
 * replayed from a different browser or network; it does not stop an attacker who copies the User-Agent and
 * shares the victim's network prefix, nor one who controls the victim's browser. Behind a proxy the address is
 * the proxy's unless the container resolves forwarded headers. Immutable.
 *
 * @param ipv4PrefixBits leading bits of an IPv4 client address that count (0-32; 0 ignores the address)
 * @param ipv6PrefixBits leading bits of an IPv6 client address that count (0-128)
 */
public record ClientFingerprint(int ipv4PrefixBits, int ipv6PrefixBits) {
    public ClientFingerprint {
        if (ipv4PrefixBits < 0 || ipv4PrefixBits > 32) {
            throw new IllegalArgumentException("session.fingerprint.ipv4-prefix-bits must be 0-32, got "
                    + ipv4PrefixBits);
        }
        if (ipv6PrefixBits < 0 || ipv6PrefixBits > 128) {
            throw new IllegalArgumentException("session.fingerprint.ipv6-prefix-bits must be 0-128, got "
                    + ipv6PrefixBits);
        }
    }

    /** User-Agent and the client's /24 (IPv4) or /64 (IPv6): tolerant of address changes inside a network. */
    public static ClientFingerprint defaults() {
        return new ClientFingerprint(24, 64);
    }

    public String of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((agent == null ? "" : agent).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(addressPrefix(request.getRemoteAddr()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private byte[] addressPrefix(String remote) {
        byte[] address;
        try {
            // getRemoteAddr is an IP literal, so this does no name lookup.
            address = InetAddress.getByName(remote).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return new byte[0];
        }
        int bits = address.length == 4 ? ipv4PrefixBits : ipv6PrefixBits;
        byte[] prefix = new byte[address.length];
        for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
            prefix[i] = (byte) (address[i] & (bits >= 8 ? 0xFF : 0xFF << (8 - bits)));
        }
        return prefix;
    }
}
