package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The reader hands a row its NOTIFY carried out without reading only when that row follows the cursor; otherwise it
 * reads the rows after the cursor, so nothing is skipped, doubled or reordered. (A table in memory, answering at once.)
 */
class CursorReaderTest {

    /** The rows committed so far, and the reads asked of them. */
    final TreeMap<Long, String> table = new TreeMap<>();
    final List<Long> readsAfter = new ArrayList<>();
    final List<Long> handedOut = new ArrayList<>();
    CursorReader<Long> reader;

    @BeforeEach
    void start() {
        table.put(1L, "a");
        table.put(2L, "b");
        reader = new CursorReader<>("rows", new CursorReader.Table<>() {
            @Override
            public Uni<Long> lastId() {
                return Uni.createFrom().item(table.lastKey());
            }

            @Override
            public Uni<List<Long>> after(long id, int limit) {
                readsAfter.add(id);
                return Uni.createFrom().item(table.tailMap(id, false).keySet().stream().limit(limit).toList());
            }
        }, 10, id -> id, handedOut::add);
        reader.start();
    }

    @Test
    void aRowThatFollowsTheCursorIsHandedOutWithoutARead() {
        commit(3);
        reader.offer(2, 3L);
        commit(4);
        reader.offer(3, 4L);

        assertThat(handedOut).containsExactly(3L, 4L);
        assertThat(readsAfter).isEmpty();
    }

    @Test
    void aGapIsReadFromTheTableInOrder() {
        commit(3); // its NOTIFY was missed (LISTEN reconnecting) or carried no row (too large)
        commit(5); // 4 was rolled back: previous is 3
        reader.offer(3, 5L);

        assertThat(handedOut).containsExactly(3L, 5L);
        assertThat(readsAfter).containsExactly(2L);

        commit(6);
        reader.offer(5, 6L);
        assertThat(handedOut).containsExactly(3L, 5L, 6L);
        assertThat(readsAfter).containsExactly(2L);
    }

    @Test
    void aRowAlreadyReadIsNotHandedOutAgain() {
        commit(3);
        commit(4);
        reader.read(); // the timer's read got both before their NOTIFYs arrived
        reader.offer(2, 3L);
        reader.offer(3, 4L);

        assertThat(handedOut).containsExactly(3L, 4L);
    }

    @Test
    void beforeTheEndOfTheTableIsKnownARowIsRead() {
        CursorReader<Long> notStarted = new CursorReader<>("rows", new CursorReader.Table<>() {
            @Override
            public Uni<Long> lastId() {
                return Uni.createFrom().item(2L);
            }

            @Override
            public Uni<List<Long>> after(long id, int limit) {
                readsAfter.add(id);
                return Uni.createFrom().item(table.tailMap(id, false).keySet().stream().limit(limit).toList());
            }
        }, 10, id -> id, handedOut::add);
        commit(3);
        notStarted.offer(2, 3L); // finds the end of the table (2) first, then reads after it

        assertThat(handedOut).containsExactly(3L);
        assertThat(readsAfter).containsExactly(2L);
    }

    private void commit(long id) {
        table.put(id, "row " + id);
    }
}
