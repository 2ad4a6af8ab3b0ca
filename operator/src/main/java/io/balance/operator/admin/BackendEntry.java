package io.balance.operator.admin;

/** One backend in a {@code PUT /backends} body: name, {@code address} as ip:port, weight and connection limit. */
public record BackendEntry(String name, String address, int weight, int maxConnections) implements Comparable<BackendEntry> {
    public static BackendEntry of(String name, String address) {
        return new BackendEntry(name, address, 1, 0);
    }

    @Override
    public int compareTo(BackendEntry other) {
        int byAddress = address.compareTo(other.address);
        return byAddress != 0 ? byAddress : name.compareTo(other.name);
    }
}
