package io.sessiongrid.samples.shop;

import io.sessiongrid.spring.security.GridSessionRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login for three users, and concurrent-session control over the grid: {@code shop.max-sessions} sessions per
 * user across every instance (0: no limit); a further login ends the oldest, or is refused with
 * {@code shop.max-sessions-prevents-login=true}. The users are for the demonstration only.
 */
@Configuration
class ShopSecurity {
    @Bean
    SecurityFilterChain shop(HttpSecurity http, GridSessionRegistry registry,
                             @Value("${shop.max-sessions:1}") int maxSessions,
                             @Value("${shop.max-sessions-prevents-login:false}") boolean preventsLogin) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        if (maxSessions > 0) {
            http.sessionManagement(sessions -> sessions.maximumSessions(maxSessions)
                    .maxSessionsPreventsLogin(preventsLogin).sessionRegistry(registry));
        }
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ann").password("{noop}ann-password").roles("USER").build(),
                User.withUsername("bob").password("{noop}bob-password").roles("USER").build(),
                User.withUsername("admin").password("{noop}admin-password").roles("USER", "ADMIN").build());
    }
}
