package io.sessiongrid.servlet.testing;

import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.util.security.Credential;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;

/**
 * Container authentication for the test applications: every user name exists, with the password {@value #PASSWORD}
 * and the role {@value #ROLE}, so each test can log in a user of its own. Paths under {@code /secure/} need BASIC
 * authentication; {@code request.login} works on any path.
 */
public final class TestLogins {
    public static final String PASSWORD = "secret";
    public static final String ROLE = "user";
    public static final String SECURE_PATHS = "/secure/*";

    private TestLogins() {
    }

    /** The Authorization header of a BASIC login. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    static LoginService jetty() {
        AbstractLoginService service = new AbstractLoginService() {
            @Override
            protected List<RolePrincipal> loadRoleInfo(UserPrincipal user) {
                return List.of(new RolePrincipal(ROLE));
            }

            @Override
            protected UserPrincipal loadUserInfo(String username) {
                return new UserPrincipal(username, Credential.getCredential(PASSWORD));
            }
        };
        service.setName("test");
        return service;
    }

    static RealmBase tomcat() {
        return new RealmBase() {
            @Override
            protected String getPassword(String username) {
                return PASSWORD;
            }

            @Override
            protected Principal getPrincipal(String username) {
                return new GenericPrincipal(username, List.of(ROLE));
            }
        };
    }
}
