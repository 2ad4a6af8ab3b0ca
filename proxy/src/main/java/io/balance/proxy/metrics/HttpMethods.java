package io.balance.proxy.metrics;

import io.netty.handler.codec.http.HttpMethod;

/** Maps request methods onto a small fixed label set, so a client can't mint new series. */
public final class HttpMethods {
    static final String[] LABELS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "OTHER"};

    private HttpMethods() {
    }

    public static int index(HttpMethod method) {
        if (method == HttpMethod.GET) {
            return 0;
        }
        if (method == HttpMethod.HEAD) {
            return 1;
        }
        if (method == HttpMethod.POST) {
            return 2;
        }
        if (method == HttpMethod.PUT) {
            return 3;
        }
        if (method == HttpMethod.DELETE) {
            return 4;
        }
        if (method == HttpMethod.PATCH) {
            return 5;
        }
        if (method == HttpMethod.OPTIONS) {
            return 6;
        }
        if (method == HttpMethod.TRACE) {
            return 7;
        }
        if (method == HttpMethod.CONNECT) {
            return 8;
        }
        return 9;
    }

    /** GET, HEAD, PUT, DELETE, OPTIONS and TRACE may be sent twice (RFC 9110 9.2.2). */
    public static boolean idempotent(HttpMethod method) {
        int i = index(method);
        return i == 0 || i == 1 || i == 3 || i == 4 || i == 6 || i == 7;
    }
}
