package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dipwatch.config.HeapFreeRatios;
import org.junit.jupiter.api.Test;

/** The collector's room: the busy ratios under a backlog, the JVM's own again after a calm minute. */
class HeapRoomTest {

    /** The JVM's two flags as a test sets them, with every change recorded. */
    static final class FakeFlags implements HeapRoom.Flags {
        HeapFreeRatios now;
        final List<HeapFreeRatios> set = new ArrayList<>();
        boolean refuse;

        FakeFlags(int min, int max) {
            now = new HeapFreeRatios(min, max);
        }

        @Override
        public HeapFreeRatios get() {
            return now;
        }

        @Override
        public void set(HeapFreeRatios ratios) {
            if (refuse) {
                throw new IllegalArgumentException("not writeable");
            }
            now = ratios;
            set.add(ratios);
        }
    }

    private final AtomicLong clock = new AtomicLong();

    @Test
    void aBacklogGivesTheCollectorRoomAndACalmMinuteTakesItBack() {
        FakeFlags flags = new FakeFlags(10, 30);
        HeapRoom room = new HeapRoom(HeapFreeRatios.parse("40-70"), flags, clock::get);

        room.batch(3);
        room.batch(HeapRoom.BACKLOG - 1);
        assertThat(flags.set).as("small batches are no backlog").isEmpty();

        room.batch(HeapRoom.BACKLOG);
        assertThat(flags.now).isEqualTo(new HeapFreeRatios(40, 70));
        assertThat(room.roomy()).isTrue();
        room.batch(100);
        assertThat(flags.set).as("set once while busy").hasSize(1);

        clock.addAndGet(HeapRoom.CALM.toNanos() - 1);
        room.quiet();
        room.batch(2);
        assertThat(flags.now).as("not calm for a minute yet").isEqualTo(new HeapFreeRatios(40, 70));

        clock.addAndGet(1);
        room.quiet();
        assertThat(flags.now).as("the ratios the JVM was started with").isEqualTo(new HeapFreeRatios(10, 30));
        assertThat(room.roomy()).isFalse();

        room.batch(50);
        assertThat(flags.set).containsExactly(new HeapFreeRatios(40, 70), new HeapFreeRatios(10, 30), new HeapFreeRatios(40, 70));
    }

    @Test
    void aJvmStartedWithMoreRoomKeepsItAndOffLeavesTheFlagsAlone() {
        FakeFlags roomy = new FakeFlags(40, 70);
        HeapRoom room = new HeapRoom(HeapFreeRatios.parse("40-70"), roomy, clock::get);
        room.batch(500);
        assertThat(roomy.set).as("the JVM's defaults are that much already").isEmpty();

        FakeFlags wider = new FakeFlags(20, 80);
        new HeapRoom(HeapFreeRatios.parse("40-70"), wider, clock::get).batch(500);
        assertThat(wider.now).as("never less room than the JVM was started with").isEqualTo(new HeapFreeRatios(40, 80));

        FakeFlags off = new FakeFlags(10, 30);
        new HeapRoom(HeapFreeRatios.parse("off"), off, clock::get).batch(500);
        assertThat(off.set).isEmpty();
        new HeapRoom(HeapFreeRatios.parse("40-70"), null, clock::get).batch(500); // a JVM without the flags: nothing to do
    }

    @Test
    void flagsThatCannotBeSetAreLeftAloneFromThenOn() {
        FakeFlags flags = new FakeFlags(10, 30);
        flags.refuse = true;
        HeapRoom room = new HeapRoom(HeapFreeRatios.parse("40-70"), flags, clock::get);
        room.batch(500);
        flags.refuse = false;
        room.batch(500);
        assertThat(flags.set).isEmpty();
        assertThat(room.roomy()).isFalse();
    }

    @Test
    void theSettingIsMinDashMaxPercent() {
        assertThat(HeapFreeRatios.parse(" 40 - 70 ")).isEqualTo(new HeapFreeRatios(40, 70));
        assertThat(HeapFreeRatios.parse("OFF")).isNull();
        assertThat(HeapFreeRatios.parse("")).isNull();
        assertThatThrownBy(() -> HeapFreeRatios.parse("70-40")).hasMessageContaining("dipwatch.pipeline.backlog-heap-free=70-40");
        assertThatThrownBy(() -> HeapFreeRatios.parse("lots")).hasMessageContaining("MIN-MAX in percent");
    }

    @Test
    void thisJvmsFlagsAreReadAndSetInEitherOrder() {
        HeapRoom.Flags flags = HeapRoom.Flags.ofThisJvm();
        assertThat(flags).as("HotSpot's MinHeapFreeRatio and MaxHeapFreeRatio are manageable").isNotNull();
        HeapFreeRatios before = flags.get();
        try {
            flags.set(new HeapFreeRatios(before.max(), Math.min(100, before.max() + 10)));
            assertThat(flags.get()).isEqualTo(new HeapFreeRatios(before.max(), Math.min(100, before.max() + 10)));
            flags.set(new HeapFreeRatios(0, 5));
            assertThat(flags.get()).isEqualTo(new HeapFreeRatios(0, 5));
        } finally {
            flags.set(before);
        }
        assertThat(flags.get()).isEqualTo(before);
    }
}
