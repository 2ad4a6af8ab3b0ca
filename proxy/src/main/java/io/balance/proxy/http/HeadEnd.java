package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.LF;

import io.netty.util.ByteProcessor;

/**
 * Finds the end of a message head, the LF of the first CRLF CRLF, across any number of reads:
 * {@code forEachByte} stops there. A bare LF never ends a head; {@link ResponseHead} refuses it.
 */
final class HeadEnd implements ByteProcessor {
    private int matched;

    void reset() {
        matched = 0;
    }

    @Override
    public boolean process(byte b) {
        if (b == CR) {
            matched = matched == 2 ? 3 : 1;
        } else if (b == LF && (matched == 1 || matched == 3)) {
            if (matched == 3) {
                matched = 0;
                return false;
            }
            matched = 2;
        } else {
            matched = 0;
        }
        return true;
    }
}
