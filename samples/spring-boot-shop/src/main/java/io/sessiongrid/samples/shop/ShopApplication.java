package io.sessiongrid.samples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop with form login and a cart, its HttpSession in the grid through the starter: any instance serves any
 * request, with no sticky balancer. {@code shop.max-sessions} limits each user's sessions across all instances.
 */
@SpringBootApplication
public class ShopApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
