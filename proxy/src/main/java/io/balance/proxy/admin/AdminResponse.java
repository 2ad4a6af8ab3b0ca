package io.balance.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/** What an admin endpoint answers: a status, a body and its content type. */
record AdminResponse(HttpResponseStatus status, String contentType, String body) {

    static AdminResponse json(HttpResponseStatus status, String body) {
        return new AdminResponse(status, "application/json", body);
    }

    static AdminResponse text(HttpResponseStatus status, String contentType, String body) {
        return new AdminResponse(status, contentType, body);
    }
}
