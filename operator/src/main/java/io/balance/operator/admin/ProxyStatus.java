package io.balance.operator.admin;

/** The versions a pod's {@code GET /status} reports. */
public record ProxyStatus(long backendsVersion, long configVersion) {
}
