package org.dipwatch.pipeline;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.dipwatch.config.HeapFreeRatios;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the garbage collector room while a backlog is worked off, and takes it back once the
 * daemon is quiet again ({@code dipwatch.pipeline.backlog-heap-free}).
 *
 * <p>{@code bin/dipwatch} and {@code docker/} start the daemon lean: a heap that keeps 10 to 30 %
 * free ({@code -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}), which is what holds an idle
 * daemon near 190 MB. Under a first poll of thousands of articles that is too little: what is in
 * flight (documents in the queue, a batch until it commits, alerts until they are sent) outlives a
 * young collection and is promoted, and an old generation with 30 % headroom over about 130 MB
 * that is live fills again within a second. A first poll of 10,000 items took 80 full collections
 * (12 CPU-s of 77); with 40 to 70 % free, 20 (5.6 CPU-s), and its wall time fell by an eighth.
 * Both ratios are "manageable" HotSpot flags, set here while the JVM runs: when the serial stage
 * takes a batch of at least {@link #BACKLOG} documents (the workers got that far ahead of it) the
 * busy ratios apply, and after {@link #CALM} without such a batch the ratios the JVM was started
 * with apply again (the heap shrinks back at the next full collection that comes by itself; none
 * is forced). The heap's cap ({@code -Xmx}) is never changed. Nothing is done when the JVM's
 * ratios already leave as much room, or when the JVM has no such flags (another VM).
 */
final class HeapRoom {

    private static final Logger LOG = LoggerFactory.getLogger(HeapRoom.class);

    /** The fewest documents in one batch that make a backlog. */
    static final int BACKLOG = 25;
    /** How long without a backlog before the JVM's own ratios apply again. */
    static final Duration CALM = Duration.ofSeconds(60);

    /** Reads and sets the two flags: HotSpot's diagnostic bean, or a stand-in in tests. */
    interface Flags {
        HeapFreeRatios get();

        void set(HeapFreeRatios ratios);

        /** The running JVM's flags; {@code null} when it has none that can be set. */
        static Flags ofThisJvm() {
            HotSpotDiagnosticMXBean bean;
            try {
                bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                if (bean == null || !bean.getVMOption("MinHeapFreeRatio").isWriteable()
                        || !bean.getVMOption("MaxHeapFreeRatio").isWriteable()) {
                    return null;
                }
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
            return new Flags() {
                @Override
                public HeapFreeRatios get() {
                    return new HeapFreeRatios(Integer.parseInt(bean.getVMOption("MinHeapFreeRatio").getValue()),
                            Integer.parseInt(bean.getVMOption("MaxHeapFreeRatio").getValue()));
                }

                @Override
                public void set(HeapFreeRatios r) {
                    // the JVM refuses a minimum over the maximum at every step: raise the maximum first, lower the minimum first
                    if (r.max() >= Integer.parseInt(bean.getVMOption("MaxHeapFreeRatio").getValue())) {
                        bean.setVMOption("MaxHeapFreeRatio", Integer.toString(r.max()));
                        bean.setVMOption("MinHeapFreeRatio", Integer.toString(r.min()));
                    } else {
                        bean.setVMOption("MinHeapFreeRatio", Integer.toString(r.min()));
                        bean.setVMOption("MaxHeapFreeRatio", Integer.toString(r.max()));
                    }
                }
            };
        }
    }

    private final Flags flags;
    private final HeapFreeRatios launched;
    private final HeapFreeRatios busy;
    private final LongSupplier nanos;
    private long lastBacklog;
    private boolean roomy;
    /** A flag could not be set: nothing is tried again. */
    private boolean failed;

    /**
     * Room while busy: {@code busy} ratios, or none ({@code null}, or flags that cannot be set).
     * Each busy ratio is at least the one the JVM was started with.
     */
    HeapRoom(HeapFreeRatios busy, Flags flags, LongSupplier nanos) {
        this.flags = busy == null ? null : flags;
        this.launched = this.flags == null ? null : this.flags.get();
        this.busy = launched == null ? null
                : new HeapFreeRatios(Math.max(busy.min(), launched.min()), Math.max(busy.max(), launched.max()));
        this.nanos = nanos;
    }

    /** The running JVM's room for {@code dipwatch.pipeline.backlog-heap-free}'s value. */
    static HeapRoom of(String setting) {
        HeapFreeRatios busy = HeapFreeRatios.parse(setting);
        return new HeapRoom(busy, busy == null ? null : Flags.ofThisJvm(), System::nanoTime);
    }

    /** The serial stage took a batch of this many documents. Called from its one thread. */
    void batch(int size) {
        if (busy == null || failed) {
            return;
        }
        if (size < BACKLOG) {
            quiet();
            return;
        }
        lastBacklog = nanos.getAsLong();
        if (!roomy && !busy.equals(launched)) {
            roomy = apply(busy, "a backlog of " + size + " documents");
        }
    }

    /** Time passed with nothing to judge. Called from the serial stage's thread. */
    void quiet() {
        if (roomy && !failed && nanos.getAsLong() - lastBacklog >= CALM.toNanos()) {
            roomy = !apply(launched, "no backlog for " + CALM.toSeconds() + " s");
        }
    }

    /** Whether the busy ratios apply now. */
    boolean roomy() {
        return roomy;
    }

    private boolean apply(HeapFreeRatios ratios, String why) {
        try {
            flags.set(ratios);
            LOG.debug("pipeline: {}: the heap keeps {} free", why, ratios);
            return true;
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("pipeline: the heap's free ratios cannot be set to {} ({}); they stay as they are and are not set again",
                    ratios, e.toString());
            return false;
        }
    }
}
