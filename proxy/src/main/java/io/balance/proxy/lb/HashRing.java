package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The consistent-hash ring: {@code virtualNodes * weight} points per backend, each the hash of
 * {@code "name#i"}, sorted so that a lookup is a binary search. Points depend only on names and
 * weights, never on list order, so every proxy pod builds the same ring.
 */
final class HashRing {
    /** Caps memory when weights and virtual nodes are both large; weights then scale down. */
    static final int MAX_POINTS = 1 << 20;

    private final long[] points;
    private final int[] owners;

    HashRing(Backend[] backends, int virtualNodes) {
        Point[] ring = buildPoints(backends, virtualNodes);
        Arrays.sort(ring, Comparator.comparingLong(Point::hash).thenComparing(p -> backends[p.owner()].name()));
        points = new long[ring.length];
        owners = new int[ring.length];
        for (int i = 0; i < ring.length; i++) {
            points[i] = ring[i].hash();
            owners[i] = ring[i].owner();
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

    private static Point[] buildPoints(Backend[] backends, int virtualNodes) {
        long totalWeight = 0;
        for (Backend backend : backends) {
            totalWeight += weight(backend);
        }
        double scale = Math.min(1.0, MAX_POINTS / ((double) virtualNodes * Math.max(1, totalWeight)));
        int[] counts = new int[backends.length];
        int total = 0;
        for (int i = 0; i < backends.length; i++) {
            counts[i] = (int) Math.max(1, Math.round((double) virtualNodes * weight(backends[i]) * scale));
            total += counts[i];
        }
        Point[] ring = new Point[total];
        int next = 0;
        for (int i = 0; i < backends.length; i++) {
            for (int v = 0; v < counts[i]; v++) {
                byte[] label = (backends[i].name() + "#" + v).getBytes(StandardCharsets.UTF_8);
                ring[next++] = new Point(Murmur64.hash(label), i);
            }
        }
        return ring;
    }

    private static int weight(Backend backend) {
        return Math.max(1, backend.weight());
    }

    private record Point(long hash, int owner) {
    }
}
