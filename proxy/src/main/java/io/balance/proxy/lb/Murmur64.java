package io.balance.proxy.lb;

/**
 * MurmurHash64A over bytes or chars, finished with murmur3's fmix64. Written out here so the
 * ring points and hash keys are the same on every proxy pod and JDK, with no dependency.
 */
final class Murmur64 {
    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;
    private static final long SEED = 0x9e3779b97f4a7c15L;

    private Murmur64() {
    }

    static long hash(byte[] data) {
        return hash(data, data.length);
    }

    /** Hashes the first {@code length} bytes of {@code data}. */
    static long hash(byte[] data, int length) {
        long h = SEED ^ (length * M);
        int blocks = length & ~7;
        for (int i = 0; i < blocks; i += 8) {
            long k = (data[i] & 0xffL)
                    | (data[i + 1] & 0xffL) << 8
                    | (data[i + 2] & 0xffL) << 16
                    | (data[i + 3] & 0xffL) << 24
                    | (data[i + 4] & 0xffL) << 32
                    | (data[i + 5] & 0xffL) << 40
                    | (data[i + 6] & 0xffL) << 48
                    | (data[i + 7] & 0xffL) << 56;
            h = mixBlock(h, k);
        }
        if (blocks < length) {
            long tail = 0;
            for (int i = length - 1; i >= blocks; i--) {
                tail = tail << 8 | (data[i] & 0xffL);
            }
            h = (h ^ tail) * M;
        }
        return fmix64(h);
    }

    /** The same construction over UTF-16 code units, four to a block. */
    static long hash(CharSequence chars) {
        int length = chars.length();
        long h = SEED ^ (2L * length * M);
        int blocks = length & ~3;
        for (int i = 0; i < blocks; i += 4) {
            long k = chars.charAt(i)
                    | (long) chars.charAt(i + 1) << 16
                    | (long) chars.charAt(i + 2) << 32
                    | (long) chars.charAt(i + 3) << 48;
            h = mixBlock(h, k);
        }
        if (blocks < length) {
            long tail = 0;
            for (int i = length - 1; i >= blocks; i--) {
                tail = tail << 16 | chars.charAt(i);
            }
            h = (h ^ tail) * M;
        }
        return fmix64(h);
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long mixBlock(long h, long k) {
        k *= M;
        k ^= k >>> R;
        k *= M;
        h ^= k;
        return h * M;
    }
}
