package io.sessiongrid.bench.boot;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's application class, the same as the Jetty application's (io.sessiongrid.bench.http.Cart): a shopping cart of 20 line items, about 1 KB serialized, as an application
 * would keep it in its session. Mutable, as application classes are; not thread safe.
 */
public final class Cart implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int ITEMS = 20;

    private final String owner;
    private final List<String> items = new ArrayList<>(ITEMS);
    private int changes;

    public Cart(String owner) {
        this.owner = owner;
        for (int i = 0; i < ITEMS; i++) {
            items.add(String.format("sku-%04d-%s-%s", i, owner, "x".repeat(22)));
        }
    }

    public int size() {
        return items.size();
    }

    public String owner() {
        return owner;
    }

    /** Replaces one line item in place. */
    public void change(int counter) {
        items.set(counter % items.size(), String.format("sku-%04d-changed-%08d-%s", counter % ITEMS, counter,
                "y".repeat(12)));
        changes++;
    }

    public int changes() {
        return changes;
    }
}
