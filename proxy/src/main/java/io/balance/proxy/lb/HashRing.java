package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The consistent-hash ring: {@code virtualNodes * weight} points per backend, each the hash of
 * {@code "name#i"}, sorted so that a lookup is a binary search. A point keeps the high bits of
 * its hash and puts the backend's rank by name in the low bits, so one primitive sort orders
 * the ring and every proxy pod builds the same ring whatever the list order.
 */
final class HashRing {
    /** Caps memory and build time when weights and virtual nodes are both large; weights then scale down. */
    static final int MAX_POINTS = 1 << 20;

    private final long[] points;
    private final int[] owners;

    HashRing(Backend[] backends, int virtualNodes) {
        int[] byName = IntStream.range(0, backends.length).boxed()
                .sorted(Comparator.comparing(i -> backends[i].name()))
                .mapToInt(Integer::intValue).toArray();
        int rankBits = 32 - Integer.numberOfLeadingZeros(Math.max(0, backends.length - 1));
        long rankMask = (1L << rankBits) - 1;
        int[] counts = pointCounts(backends, virtualNodes);
        points = new long[Arrays.stream(counts).sum()];
        int next = 0;
        for (int rank = 0; rank < byName.length; rank++) {
            byte[] name = backends[byName[rank]].name().getBytes(StandardCharsets.UTF_8);
            byte[] label = Arrays.copyOf(name, name.length + 11);
            label[name.length] = '#';
            for (int v = 0; v < counts[byName[rank]]; v++) {
                int length = writeDecimal(label, name.length + 1, v);
                points[next++] = Murmur64.hash(label, length) & ~rankMask | rank;
            }
        }
        Arrays.sort(points);
        owners = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            owners[i] = byName[(int) (points[i] & rankMask)];
        }
    }

    int size() {
        return points.length;
    }

    /** The position of the first point at or after {@code hash}, clockwise. The ring must not be empty. */
    int start(long hash) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (points[mid] < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == points.length ? 0 : low;
    }

    /** The backend index owning the point {@code steps} positions clockwise from {@code start}. */
    int owner(int start, int steps) {
        int position = start + steps;
        return owners[position >= owners.length ? position - owners.length : position];
    }

    private static int[] pointCounts(Backend[] backends, int virtualNodes) {
        long totalWeight = 0;
        for (Backend backend : backends) {
            totalWeight += weight(backend);
        }
        double scale = Math.min(1.0, MAX_POINTS / ((double) virtualNodes * Math.max(1, totalWeight)));
        int[] counts = new int[backends.length];
        for (int i = 0; i < backends.length; i++) {
            counts[i] = (int) Math.max(1, Math.round((double) virtualNodes * weight(backends[i]) * scale));
        }
        return counts;
    }

    private static int weight(Backend backend) {
        return Math.max(1, backend.weight());
    }

    /** Writes {@code value} in decimal at {@code offset}; returns the end of the written text. */
    private static int writeDecimal(byte[] buffer, int offset, int value) {
        int end = offset + (value == 0 ? 1 : (int) Math.log10(value) + 1);
        int position = end;
        do {
            buffer[--position] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        return end;
    }
}
