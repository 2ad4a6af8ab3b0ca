package io.balance.proxy.admin;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/** What an admin endpoint answers: a status, a body and its content type, and any further headers. */
record AdminResponse(HttpResponseStatus status, String contentType, String body, HttpHeaders headers) {

    static AdminResponse json(HttpResponseStatus status, String body) {
        return new AdminResponse(status, "application/json", body, EmptyHttpHeaders.INSTANCE);
    }

    static AdminResponse text(HttpResponseStatus status, String contentType, String body) {
        return new AdminResponse(status, contentType, body, EmptyHttpHeaders.INSTANCE);
    }

    AdminResponse withHeader(CharSequence name, String value) {
        HttpHeaders more = new DefaultHttpHeaders().add(headers).set(name, value);
        return new AdminResponse(status, contentType, body, more);
    }
}
