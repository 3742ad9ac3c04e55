package io.sessiongrid.client.testing;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gadget-like class: its readObject has a visible side effect. A store that refuses it must do so before
 * readObject runs, which {@link #READS} proves.
 */
public final class Gadget implements Serializable {
    public static final AtomicInteger READS = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READS.incrementAndGet();
        in.defaultReadObject();
    }
}
