package org.dipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The collector's room: the busy ratios under a backlog, the JVM's own again after a calm minute. */
class HeapRoomTest {

    /** The JVM's two flags as a test sets them, with every change recorded. */
    static final class FakeFlags implements HeapRoom.Flags {
        HeapRoom.Ratios now;
        final List<HeapRoom.Ratios> set = new ArrayList<>();
        boolean refuse;

        FakeFlags(int min, int max) {
            now = new HeapRoom.Ratios(min, max);
        }

        @Override
        public HeapRoom.Ratios get() {
            return now;
        }

        @Override
        public void set(HeapRoom.Ratios ratios) {
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
        HeapRoom room = new HeapRoom(HeapRoom.Ratios.parse("40-70"), flags, clock::get);

        room.batch(3);
        room.batch(HeapRoom.BACKLOG - 1);
        assertThat(flags.set).as("small batches are no backlog").isEmpty();

        room.batch(HeapRoom.BACKLOG);
        assertThat(flags.now).isEqualTo(new HeapRoom.Ratios(40, 70));
        assertThat(room.roomy()).isTrue();
        room.batch(100);
        assertThat(flags.set).as("set once while busy").hasSize(1);

        clock.addAndGet(HeapRoom.CALM.toNanos() - 1);
        room.quiet();
        room.batch(2);
        assertThat(flags.now).as("not calm for a minute yet").isEqualTo(new HeapRoom.Ratios(40, 70));

        clock.addAndGet(1);
        room.quiet();
        assertThat(flags.now).as("the ratios the JVM was started with").isEqualTo(new HeapRoom.Ratios(10, 30));
        assertThat(room.roomy()).isFalse();

        room.batch(50);
        assertThat(flags.set).containsExactly(new HeapRoom.Ratios(40, 70), new HeapRoom.Ratios(10, 30), new HeapRoom.Ratios(40, 70));
    }

    @Test
    void aJvmStartedWithMoreRoomKeepsItAndOffLeavesTheFlagsAlone() {
        FakeFlags roomy = new FakeFlags(40, 70);
        HeapRoom room = new HeapRoom(HeapRoom.Ratios.parse("40-70"), roomy, clock::get);
        room.batch(500);
        assertThat(roomy.set).as("the JVM's defaults are that much already").isEmpty();

        FakeFlags wider = new FakeFlags(20, 80);
        new HeapRoom(HeapRoom.Ratios.parse("40-70"), wider, clock::get).batch(500);
        assertThat(wider.now).as("never less room than the JVM was started with").isEqualTo(new HeapRoom.Ratios(40, 80));

        FakeFlags off = new FakeFlags(10, 30);
        new HeapRoom(HeapRoom.Ratios.parse("off"), off, clock::get).batch(500);
        assertThat(off.set).isEmpty();
        new HeapRoom(HeapRoom.Ratios.parse("40-70"), null, clock::get).batch(500); // a JVM without the flags: nothing to do
    }

    @Test
    void flagsThatCannotBeSetAreLeftAloneFromThenOn() {
        FakeFlags flags = new FakeFlags(10, 30);
        flags.refuse = true;
        HeapRoom room = new HeapRoom(HeapRoom.Ratios.parse("40-70"), flags, clock::get);
        room.batch(500);
        flags.refuse = false;
        room.batch(500);
        assertThat(flags.set).isEmpty();
        assertThat(room.roomy()).isFalse();
    }

    @Test
    void theSettingIsMinDashMaxPercent() {
        assertThat(HeapRoom.Ratios.parse(" 40 - 70 ")).isEqualTo(new HeapRoom.Ratios(40, 70));
        assertThat(HeapRoom.Ratios.parse("OFF")).isNull();
        assertThat(HeapRoom.Ratios.parse("")).isNull();
        assertThatThrownBy(() -> HeapRoom.Ratios.parse("70-40")).hasMessageContaining("dipwatch.pipeline.backlog-heap-free=70-40");
        assertThatThrownBy(() -> HeapRoom.Ratios.parse("lots")).hasMessageContaining("MIN-MAX in percent");
    }

    @Test
    void thisJvmsFlagsAreReadAndSetInEitherOrder() {
        HeapRoom.Flags flags = HeapRoom.Flags.ofThisJvm();
        assertThat(flags).as("HotSpot's MinHeapFreeRatio and MaxHeapFreeRatio are manageable").isNotNull();
        HeapRoom.Ratios before = flags.get();
        try {
            flags.set(new HeapRoom.Ratios(before.max(), Math.min(100, before.max() + 10)));
            assertThat(flags.get()).isEqualTo(new HeapRoom.Ratios(before.max(), Math.min(100, before.max() + 10)));
            flags.set(new HeapRoom.Ratios(0, 5));
            assertThat(flags.get()).isEqualTo(new HeapRoom.Ratios(0, 5));
        } finally {
            flags.set(before);
        }
        assertThat(flags.get()).isEqualTo(before);
    }
}
