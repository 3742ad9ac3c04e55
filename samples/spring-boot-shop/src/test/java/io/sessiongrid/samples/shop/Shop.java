package io.sessiongrid.samples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One instance of the sample, started in this JVM on a free port of 127.0.0.1; close it to stop it. */
record Shop(String name, ConfigurableApplicationContext context) implements AutoCloseable {
    static Shop start(String name, String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--shop.instance=" + name));
        args.addAll(List.of(properties));
        return new Shop(name, SpringApplication.run(ShopApplication.class, args.toArray(String[]::new)));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    @Override
    public void close() {
        context.close();
    }
}
